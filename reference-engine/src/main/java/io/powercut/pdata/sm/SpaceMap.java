package io.powercut.pdata.sm;

import io.powercut.pdata.tm.BlockAllocator;
import java.io.IOException;

/**
 * Reference counts for every block of a device: the metadata device (its own space map lives on it)
 * or the data device. A block with count zero is free.
 */
public interface SpaceMap extends BlockAllocator {
  /** Number of blocks this map covers. */
  long nrBlocks();

  /** Number of blocks that are free and may be allocated in this transaction. */
  long nrFree() throws IOException;

  void setCount(long b, long count) throws IOException;

  /** Grows the map by {@code extraBlocks} free blocks. */
  void extend(long extraBlocks) throws IOException;

  /** The root to store in the superblock. */
  SpaceMapRoot root();
}
