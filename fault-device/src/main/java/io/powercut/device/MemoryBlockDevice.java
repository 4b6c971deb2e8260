package io.powercut.device;

import java.util.Arrays;
import java.util.HashMap;

/**
 * A block device in memory. Sparse: a block that was never written (or was last written with zeros)
 * costs nothing and reads as zeros, so a 1 TiB device is as cheap as a small one. There is no
 * volatile cache: every write is durable at once, so {@link #flush()} has nothing to do.
 */
public final class MemoryBlockDevice extends CheckedBlockDevice {
  // Stored arrays are never mutated in place (a write stores a fresh copy), so copies share them.
  private final HashMap<Long, byte[]> blocks;

  /** A device of {@code blockCount} blocks of {@link #DEFAULT_BLOCK_SIZE} bytes, all zeros. */
  public MemoryBlockDevice(long blockCount) {
    this(DEFAULT_BLOCK_SIZE, blockCount);
  }

  /** A device of {@code blockCount} blocks of {@code blockSize} bytes, all zeros. */
  public MemoryBlockDevice(int blockSize, long blockCount) {
    this(new BlockGeometry(blockSize, blockCount), new HashMap<>());
  }

  private MemoryBlockDevice(BlockGeometry geometry, HashMap<Long, byte[]> blocks) {
    super(geometry);
    this.blocks = blocks;
  }

  /**
   * An independent device with the same content; later writes to either do not affect the other.
   */
  public MemoryBlockDevice copy() {
    checkOpen();
    return new MemoryBlockDevice(geometry(), new HashMap<>(blocks));
  }

  @Override
  public void read(long block, byte[] dst) {
    checkAccess(block, dst);
    byte[] stored = blocks.get(block);
    if (stored == null) {
      Arrays.fill(dst, (byte) 0);
    } else {
      System.arraycopy(stored, 0, dst, 0, dst.length);
    }
  }

  @Override
  public void write(long block, byte[] src) {
    checkAccess(block, src);
    if (BlockBytes.isZero(src)) {
      blocks.remove(block);
    } else {
      blocks.put(block, src.clone());
    }
  }

  @Override
  public void writeFua(long block, byte[] src) {
    write(block, src);
  }

  @Override
  public void flush() {
    checkOpen();
  }

  @Override
  public void close() {
    markClosed();
    blocks.clear();
  }

  @Override
  public String toString() {
    return "MemoryBlockDevice[" + geometry() + ", " + blocks.size() + " non-zero blocks]";
  }
}
