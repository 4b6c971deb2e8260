package io.powercut.pdata.tm;

import java.io.IOException;

/**
 * Reference counts and new blocks: what the transaction manager needs of the metadata space map. It
 * lives here rather than in {@code pdata.sm} because the space map is built on the transaction
 * manager (its bitmaps and ref-count tree are shadowed like any block), so the dependency may only
 * point from {@code sm} to {@code tm}.
 */
public interface BlockAllocator {
  /** The reference count of block {@code b}. */
  long count(long b) throws IOException;

  /** Whether {@code b} has more than one reference; true is the safe answer when unsure. */
  boolean countIsMoreThanOne(long b) throws IOException;

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

  /** Makes the map's on-disk structures ready for the superblock to point at them. */
  void commit() throws IOException;
}
