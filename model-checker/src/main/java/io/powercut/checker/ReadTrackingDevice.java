package io.powercut.checker;

import io.powercut.device.BlockDevice;
import io.powercut.device.ForwardingBlockDevice;
import java.io.IOException;
import java.util.BitSet;

/**
 * Records which blocks a recovery read. Recovery is deterministic, so another image that holds the
 * same bytes in every block this one read recovers identically: the crash search uses this to skip
 * states that differ only where the recovered engine never looks.
 */
final class ReadTrackingDevice extends ForwardingBlockDevice {
  private final BitSet read = new BitSet();

  ReadTrackingDevice(BlockDevice inner) {
    super(inner);
  }

  BitSet blocksRead() {
    return read;
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    super.read(block, dst);
    read.set(Math.toIntExact(block));
  }
}
