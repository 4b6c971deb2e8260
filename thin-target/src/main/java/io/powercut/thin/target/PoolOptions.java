package io.powercut.thin.target;

import io.powercut.device.BlockDevice;

/**
 * A pool's table options, as the kernel's pool target line takes them.
 *
 * @param dataBlockSize bytes per data block: a multiple of 4 KiB (the kernel requires a multiple of
 *     64 KiB; smaller blocks make simulation fast), 64 KiB = 128 sectors by default
 * @param skipBlockZeroing {@code skip_block_zeroing}: a new block is not zeroed before a partial
 *     write, so the rest of it keeps what the data device held
 * @param discardPassdown discards that free a data block are passed down to the data device (the
 *     kernel's default; {@code no_discard_passdown} turns it off); ignored, as the kernel ignores
 *     it, when the data device is not a {@link DiscardableDevice}
 * @param commitPeriodTicks a pool that changed commits once this many {@link ThinPool#tick}s have
 *     passed since its last commit (the kernel's {@code COMMIT_PERIOD}, one second)
 */
public record PoolOptions(
    int dataBlockSize, boolean skipBlockZeroing, boolean discardPassdown, int commitPeriodTicks) {
  /** The kernel's default data block size, 128 sectors. */
  public static final int DEFAULT_DATA_BLOCK_SIZE = 64 * 1024;

  /** Largest data block we simulate (the kernel allows 1 GiB; we keep a block in memory). */
  public static final int MAX_DATA_BLOCK_SIZE = 1 << 24;

  public static final PoolOptions DEFAULT =
      new PoolOptions(DEFAULT_DATA_BLOCK_SIZE, false, true, 1);

  public PoolOptions {
    if (dataBlockSize <= 0
        || dataBlockSize > MAX_DATA_BLOCK_SIZE
        || dataBlockSize % BlockDevice.DEFAULT_BLOCK_SIZE != 0) {
      throw new IllegalArgumentException(
          "data block size: expected a multiple of "
              + BlockDevice.DEFAULT_BLOCK_SIZE
              + " up to "
              + MAX_DATA_BLOCK_SIZE
              + ", got "
              + dataBlockSize);
    }
    if (commitPeriodTicks <= 0) {
      throw new IllegalArgumentException(
          "commit period: expected at least 1 tick, got " + commitPeriodTicks);
    }
  }

  public PoolOptions withDataBlockSize(int bytes) {
    return new PoolOptions(bytes, skipBlockZeroing, discardPassdown, commitPeriodTicks);
  }

  public PoolOptions withSkipBlockZeroing(boolean skip) {
    return new PoolOptions(dataBlockSize, skip, discardPassdown, commitPeriodTicks);
  }

  public PoolOptions withDiscardPassdown(boolean passdown) {
    return new PoolOptions(dataBlockSize, skipBlockZeroing, passdown, commitPeriodTicks);
  }

  public PoolOptions withCommitPeriodTicks(int ticks) {
    return new PoolOptions(dataBlockSize, skipBlockZeroing, discardPassdown, ticks);
  }

  /** Device blocks (4 KiB) per data block. */
  public int blocksPerDataBlock() {
    return dataBlockSize / BlockDevice.DEFAULT_BLOCK_SIZE;
  }

  /** The data block size in 512-byte sectors, as the superblock stores it. */
  public long sectorsPerDataBlock() {
    return dataBlockSize / BlockDevice.SECTOR_SIZE;
  }
}
