package io.powercut.device;

import java.util.Objects;

/**
 * What every backend checks before an IO: that it is still open, and that the block and the buffer
 * fit its geometry (misuse is a programming error, see {@link BlockDevice}). Kept in one place so
 * that every device refuses the same misuse in the same words.
 */
abstract class CheckedBlockDevice implements BlockDevice {
  private final BlockGeometry geometry;
  private boolean closed;

  CheckedBlockDevice(BlockGeometry geometry) {
    this.geometry = Objects.requireNonNull(geometry, "geometry");
  }

  final BlockGeometry geometry() {
    return geometry;
  }

  @Override
  public final int blockSize() {
    return geometry.blockSize();
  }

  @Override
  public final long blockCount() {
    return geometry.blockCount();
  }

  /** Throws unless the device is open and {@code block} and {@code buffer} fit its geometry. */
  final void checkAccess(long block, byte[] buffer) {
    checkOpen();
    geometry.checkAccess(block, buffer);
  }

  /** Throws {@link IllegalStateException} once the device is closed. */
  final void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /** Refuses every later IO; closing twice is allowed. */
  final void markClosed() {
    closed = true;
  }
}
