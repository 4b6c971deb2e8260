package io.powercut.thin.target;

import io.powercut.device.BlockDevice;
import java.io.IOException;

/**
 * A block device that accepts discards (REQ_OP_DISCARD): the device may forget the content of the
 * discarded blocks, so a later read of one returns whatever the device chooses until it is written
 * again. A thin volume is one; a data device that is one receives the pool's discard passdown.
 */
public interface DiscardableDevice extends BlockDevice {
  /** Discards {@code count} blocks from {@code first}; {@code count} may be zero. */
  void discard(long first, long count) throws IOException;
}
