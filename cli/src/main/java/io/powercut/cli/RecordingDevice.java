package io.powercut.cli;

import io.powercut.device.BlockDevice;
import io.powercut.device.ForwardingBlockDevice;
import java.io.IOException;
import java.util.BitSet;

/** Passes everything to a device and remembers which blocks were written. */
final class RecordingDevice extends ForwardingBlockDevice {
  private final BitSet written = new BitSet();

  RecordingDevice(BlockDevice inner) {
    super(inner);
    if (inner.blockCount() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many blocks to record: " + inner.blockCount());
    }
  }

  /** Every block written so far. */
  BitSet written() {
    return (BitSet) written.clone();
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    super.write(block, src);
    written.set((int) block);
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    super.writeFua(block, src);
    written.set((int) block);
  }
}
