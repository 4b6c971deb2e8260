package io.powercut.cli;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.util.BitSet;

/** Passes everything to a device and remembers which blocks were written. */
final class RecordingDevice implements BlockDevice {
  private final BlockDevice inner;
  private final BitSet written = new BitSet();

  RecordingDevice(BlockDevice inner) {
    if (inner.blockCount() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many blocks to record: " + inner.blockCount());
    }
    this.inner = inner;
  }

  /** Every block written so far. */
  BitSet written() {
    return (BitSet) written.clone();
  }

  @Override
  public int blockSize() {
    return inner.blockSize();
  }

  @Override
  public long blockCount() {
    return inner.blockCount();
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    inner.read(block, dst);
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    inner.write(block, src);
    written.set((int) block);
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    inner.writeFua(block, src);
    written.set((int) block);
  }

  @Override
  public void flush() throws IOException {
    inner.flush();
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
