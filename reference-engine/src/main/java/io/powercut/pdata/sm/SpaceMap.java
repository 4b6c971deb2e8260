package io.powercut.pdata.sm;

import java.io.IOException;

/**
 * Reference counts for every block of a device: the metadata device (its own space map lives on it)
 * or the data device. A block with count zero is free.
 */
public interface SpaceMap {
  /** Number of blocks this map covers. */
  long nrBlocks();

  /** Number of blocks that are free and may be allocated in this transaction. */
  long nrFree() throws IOException;

  /** The reference count of block {@code b}. */
  long count(long b) throws IOException;

  /** Whether {@code b} has more than one reference; true is the safe answer when unsure. */
  boolean countIsMoreThanOne(long b) throws IOException;

  void setCount(long b, long count) throws IOException;

  void inc(long b) throws IOException;

  /** Decrements; decrementing a free block is corruption, never a silent wrap-around. */
  void dec(long b) throws IOException;

  /**
   * Allocates a block that was free at the last commit and is free now (count 0 -> 1). Blocks freed
   * in this transaction are never handed out before it commits.
   *
   * @throws io.powercut.pdata.NoSpaceException when none is left
   */
  long newBlock() throws IOException;

  /** Grows the map by {@code extraBlocks} free blocks. */
  void extend(long extraBlocks) throws IOException;

  /** Makes the map's on-disk structures ready for the superblock to point at them. */
  void commit() throws IOException;

  /** The root to store in the superblock. */
  SpaceMapRoot root();
}
