package io.powercut.thin.check;

import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;

/**
 * A space map's index, one entry per bitmap: where the bitmap lives, its nr_free and its
 * none_free_before hint. The data space map fills it from its index tree (keys are bitmap numbers);
 * the metadata space map from its index block.
 */
final class SpaceMapIndex implements TreeWalker.LeafVisitor {
  private final int nrBitmaps;
  private final long[] bitmap;
  private final long[] nrFree;
  private final long[] noneFreeBefore;
  private final boolean[] present;
  private long extraEntries;
  private long firstExtraKey = -1;

  /** An empty index for {@code nrBitmaps} bitmaps. */
  SpaceMapIndex(int nrBitmaps) {
    this.nrBitmaps = nrBitmaps;
    this.bitmap = new long[nrBitmaps];
    this.nrFree = new long[nrBitmaps];
    this.noneFreeBefore = new long[nrBitmaps];
    this.present = new boolean[nrBitmaps];
  }

  /** Bitmaps a space map of {@code nrBlocks} blocks needs. */
  static long bitmapsFor(long nrBlocks) {
    return (nrBlocks + BitmapBlock.ENTRIES_PER_BLOCK - 1) / BitmapBlock.ENTRIES_PER_BLOCK;
  }

  @Override
  public void leaf(long block, byte[] node, int nrEntries) {
    for (int i = 0; i < nrEntries; i++) {
      put(BTreeNode.key(node, i), IndexEntry.read(node, BTreeNode.valueOffset(node, i)));
    }
  }

  /** Records bitmap {@code i}'s entry; one past the bitmaps needed is counted as extra. */
  void put(long i, IndexEntry e) {
    if (i < 0 || i >= nrBitmaps) {
      if (extraEntries++ == 0) {
        firstExtraKey = i;
      }
      return;
    }
    int k = (int) i;
    bitmap[k] = e.blocknr();
    nrFree[k] = e.nrFree();
    noneFreeBefore[k] = e.noneFreeBefore();
    present[k] = true;
  }

  int nrBitmaps() {
    return nrBitmaps;
  }

  boolean present(int i) {
    return present[i];
  }

  long bitmap(int i) {
    return bitmap[i];
  }

  long nrFree(int i) {
    return nrFree[i];
  }

  long noneFreeBefore(int i) {
    return noneFreeBefore[i];
  }

  /** Entries for bitmaps the space map does not need. */
  long extraEntries() {
    return extraEntries;
  }

  /** The (unsigned) key of the first extra entry, for the report. */
  long firstExtraKey() {
    return firstExtraKey;
  }
}
