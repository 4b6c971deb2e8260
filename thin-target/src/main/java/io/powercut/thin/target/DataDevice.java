package io.powercut.thin.target;

import io.powercut.device.BlockDevice;
import io.powercut.thin.target.ThinPoolException.Reason;
import java.io.IOException;

/**
 * The one layout of data blocks on the data device: the device has 4 KiB blocks, and data block
 * {@code b} is its blocks {@code [b * k, (b + 1) * k)} for {@code k} blocks per data block. Offsets
 * and lengths are in device blocks. Every IO error of the device becomes {@link Reason#DATA_IO}.
 */
final class DataDevice {
  private final BlockDevice device;
  private final int blocksPerDataBlock;
  private final byte[] scratch = new byte[BlockDevice.DEFAULT_BLOCK_SIZE];

  DataDevice(BlockDevice device, int blocksPerDataBlock) {
    if (device.blockSize() != BlockDevice.DEFAULT_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "data device block size: expected "
              + BlockDevice.DEFAULT_BLOCK_SIZE
              + ", got "
              + device.blockSize());
    }
    assert blocksPerDataBlock > 0 : blocksPerDataBlock;
    if (device.blockCount() < blocksPerDataBlock) {
      throw new IllegalArgumentException(
          "data device: expected at least one data block of "
              + blocksPerDataBlock
              + " device blocks, got "
              + device.blockCount()
              + " device blocks");
    }
    this.device = device;
    this.blocksPerDataBlock = blocksPerDataBlock;
  }

  /** Whole data blocks the device holds (a tail shorter than one is unused, as the kernel's). */
  long dataBlocks() {
    return device.blockCount() / blocksPerDataBlock;
  }

  int blocksPerDataBlock() {
    return blocksPerDataBlock;
  }

  /** Whether the device takes the pool's discard passdown. */
  boolean canDiscard() {
    return device instanceof DiscardableDevice;
  }

  void read(long dataBlock, int offset, byte[] dst) throws ThinPoolException {
    long at = at(dataBlock, offset, 1);
    try {
      device.read(at, dst);
    } catch (IOException e) {
      throw failed("read of block " + at, e);
    }
  }

  /** Writes {@code count} consecutive blocks of {@code src} from {@code srcOffset} (in blocks). */
  void write(long dataBlock, int offset, byte[] src, int srcOffset, int count, boolean fua)
      throws ThinPoolException {
    long at = at(dataBlock, offset, count);
    byte[] one = new byte[BlockDevice.DEFAULT_BLOCK_SIZE];
    for (int i = 0; i < count; i++) {
      System.arraycopy(src, (srcOffset + i) * one.length, one, 0, one.length);
      try {
        if (fua) {
          device.writeFua(at + i, one);
        } else {
          device.write(at + i, one);
        }
      } catch (IOException e) {
        throw failed("write of block " + (at + i), e);
      }
    }
  }

  /** Zeroes the blocks of a data block outside {@code [from, to)} ({@code ll_zero}). */
  void zeroOutside(long dataBlock, int from, int to) throws ThinPoolException {
    byte[] zero = new byte[BlockDevice.DEFAULT_BLOCK_SIZE];
    for (int i = 0; i < blocksPerDataBlock; i++) {
      if (i < from || i >= to) {
        write(dataBlock, i, zero, 0, 1, false);
      }
    }
  }

  /** Copies the blocks of data block {@code src} outside {@code [from, to)} to {@code dst}. */
  void copyOutside(long src, long dst, int from, int to) throws ThinPoolException {
    assert src != dst : src;
    for (int i = 0; i < blocksPerDataBlock; i++) {
      if (i < from || i >= to) {
        read(src, i, scratch);
        write(dst, i, scratch, 0, 1, false);
      }
    }
  }

  void flush() throws ThinPoolException {
    try {
      device.flush();
    } catch (IOException e) {
      throw failed("flush", e);
    }
  }

  /** Passes a discard of one data block down to the device; only if {@link #canDiscard}. */
  void discard(long dataBlock) throws ThinPoolException {
    long at = at(dataBlock, 0, blocksPerDataBlock);
    try {
      ((DiscardableDevice) device).discard(at, blocksPerDataBlock);
    } catch (IOException e) {
      throw failed("discard of data block " + dataBlock, e);
    }
  }

  private long at(long dataBlock, int offset, int count) {
    assert dataBlock >= 0 && dataBlock < dataBlocks() : dataBlock + " of " + dataBlocks();
    assert offset >= 0 && count > 0 && offset + count <= blocksPerDataBlock
        : offset + "+" + count + " of " + blocksPerDataBlock;
    return dataBlock * blocksPerDataBlock + offset;
  }

  private ThinPoolException failed(String what, IOException e) {
    return new ThinPoolException(Reason.DATA_IO, "data device " + what + " failed: " + e, e);
  }
}
