package io.powercut.checker;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.util.BitSet;

/**
 * Records which blocks a recovery read. Recovery is deterministic, so another image that holds the
 * same bytes in every block this one read recovers identically: the crash search uses this to skip
 * states that differ only where the recovered engine never looks.
 */
final class ReadTrackingDevice implements BlockDevice {
  private final BlockDevice inner;
  private final BitSet read = new BitSet();

  ReadTrackingDevice(BlockDevice inner) {
    this.inner = inner;
  }

  BitSet blocksRead() {
    return read;
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
    read.set(Math.toIntExact(block));
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    inner.write(block, src);
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    inner.writeFua(block, src);
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
