package io.powercut.device;

import java.util.Objects;

/**
 * The shape of a block device: the block size and the number of blocks. Validated once on
 * construction so that every device, log and crash image can trust it.
 *
 * @param blockSize a multiple of {@link BlockDevice#SECTOR_SIZE} in [512, {@link
 *     BlockDevice#MAX_BLOCK_SIZE}]
 * @param blockCount at least 1, and small enough that the byte size fits a long
 */
public record BlockGeometry(int blockSize, long blockCount) {
  public BlockGeometry {
    if (blockSize < BlockDevice.SECTOR_SIZE
        || blockSize > BlockDevice.MAX_BLOCK_SIZE
        || blockSize % BlockDevice.SECTOR_SIZE != 0) {
      throw new IllegalArgumentException(
          "block size "
              + blockSize
              + " is not a multiple of "
              + BlockDevice.SECTOR_SIZE
              + " in [512, "
              + BlockDevice.MAX_BLOCK_SIZE
              + "]");
    }
    if (blockCount < 1) {
      throw new IllegalArgumentException("block count " + blockCount + " is not positive");
    }
    if (blockCount > Long.MAX_VALUE / blockSize) {
      throw new IllegalArgumentException(
          "block count " + blockCount + " times block size " + blockSize + " overflows a long");
    }
  }

  /** The geometry of {@code device}. */
  public static BlockGeometry of(BlockDevice device) {
    return new BlockGeometry(device.blockSize(), device.blockCount());
  }

  public int sectorsPerBlock() {
    return blockSize / BlockDevice.SECTOR_SIZE;
  }

  /** The sector mask with every sector of a block set. */
  public long fullSectorMask() {
    int sectors = sectorsPerBlock();
    return sectors == Long.SIZE ? -1L : (1L << sectors) - 1;
  }

  /** Throws {@link IllegalArgumentException} unless {@code block} is in [0, blockCount). */
  public void checkBlock(long block) {
    if (block < 0 || block >= blockCount) {
      throw new IllegalArgumentException(
          "block " + block + " is outside the device of " + blockCount + " blocks");
    }
  }

  /** Throws unless {@code buffer} is exactly one block long. */
  public void checkBuffer(byte[] buffer) {
    Objects.requireNonNull(buffer, "buffer");
    if (buffer.length != blockSize) {
      throw new IllegalArgumentException(
          "buffer of " + buffer.length + " bytes, the block size is " + blockSize);
    }
  }

  /** Throws unless {@code count} blocks from {@code first} lie within the device ({@code what}). */
  public void checkRange(long first, long count, String what) {
    if (count < 0 || first < 0 || first > blockCount - count) {
      throw new IllegalArgumentException(
          what + ": expected a range within " + blockCount + " blocks, got " + first + "+" + count);
    }
  }

  /** Checks both the block number and the buffer of one block access. */
  public void checkAccess(long block, byte[] buffer) {
    checkBlock(block);
    checkBuffer(buffer);
  }

  /** Throws unless {@code other} has the same block size and count. */
  public void checkSame(BlockGeometry other, String what) {
    if (!equals(other)) {
      throw new IllegalArgumentException(what + " has geometry " + other + ", expected " + this);
    }
  }
}
