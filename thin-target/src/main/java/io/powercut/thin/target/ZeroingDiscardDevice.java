package io.powercut.thin.target;

import io.powercut.device.BlockDevice;
import io.powercut.device.ForwardingBlockDevice;
import java.io.IOException;

/**
 * A data device that takes the pool's discard passdown by writing zeros over the discarded blocks,
 * as a device that zeroes discards (WRITE ZEROES) does. The zeros are ordinary writes: they sit in
 * the device's volatile cache like any other, so a power cut may keep the old content, and what a
 * passdown destroys shows up in what the blocks read afterwards (a snapshot still mapping one).
 */
public final class ZeroingDiscardDevice extends ForwardingBlockDevice implements DiscardableDevice {
  private final byte[] zeros;

  public ZeroingDiscardDevice(BlockDevice inner) {
    super(inner);
    this.zeros = new byte[inner.blockSize()];
  }

  @Override
  public void discard(long first, long count) throws IOException {
    if (first < 0 || count < 0 || first + count > blockCount()) {
      throw new IllegalArgumentException(
          "discard: expected a range within "
              + blockCount()
              + " blocks, got "
              + first
              + "+"
              + count);
    }
    for (long b = first; b < first + count; b++) {
      write(b, zeros);
    }
  }
}
