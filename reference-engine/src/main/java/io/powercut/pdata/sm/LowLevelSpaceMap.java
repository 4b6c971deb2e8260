package io.powercut.pdata.sm;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.ValueType;
import io.powercut.pdata.tm.Shadow;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * The on-disk space-map format shared by the data and metadata space maps (the kernel's ll_disk):
 * an index of bitmap blocks holding 2-bit counts, plus an overflow btree (block -> le32 count) for
 * counts of 3 and more. Subclasses say where the index lives.
 */
abstract class LowLevelSpaceMap {
  /** Value size of the overflow ref-count tree. */
  static final int REF_COUNT_SIZE = 4;

  final TransactionManager tm;
  final BTree refCounts;
  long nrBlocks;
  long nrAllocated;
  long bitmapRoot;
  long refCountRoot;

  LowLevelSpaceMap(TransactionManager tm) {
    this.tm = tm;
    this.refCounts = new BTree(tm, 1, ValueType.opaque(REF_COUNT_SIZE));
  }

  /** A short name for errors: "metadata" or "data". */
  /** Which space this map counts. */
  abstract NoSpaceException.Space space();

  final String name() {
    return space().word();
  }

  abstract IndexEntry loadIndex(long index) throws IOException;

  abstract void saveIndex(long index, IndexEntry ie) throws IOException;

  /** Maximum number of bitmaps the index can describe. */
  abstract long maxIndexEntries();

  /** Makes the index durable-ready for the superblock to point at (bitmapRoot may change). */
  abstract void commitIndex() throws IOException;

  /** Starts an empty map of no blocks (at format time). */
  abstract void create() throws IOException;

  /** Loads the map {@code root} names. */
  abstract void open(SpaceMapRoot root) throws IOException;

  /** A read-only copy of this state (the space map as of the last commit). */
  abstract LowLevelSpaceMap snapshot();

  SpaceMapRoot root() {
    return new SpaceMapRoot(nrBlocks, nrAllocated, bitmapRoot, refCountRoot);
  }

  void openRoot(SpaceMapRoot r) {
    nrBlocks = r.nrBlocks();
    nrAllocated = r.nrAllocated();
    bitmapRoot = r.bitmapRoot();
    refCountRoot = r.refCountRoot();
  }

  static long bitmapsFor(long nrBlocks) {
    return (nrBlocks + BitmapBlock.ENTRIES_PER_BLOCK - 1) / BitmapBlock.ENTRIES_PER_BLOCK;
  }

  /** Grows the map; new bitmap blocks come from the metadata space map. */
  void extend(long extra) throws IOException {
    long newNrBlocks = nrBlocks + extra;
    long oldBitmaps = bitmapsFor(nrBlocks);
    long bitmaps = bitmapsFor(newNrBlocks);
    if (bitmaps > maxIndexEntries()) {
      throw new IllegalArgumentException(
          name()
              + " space map too large: "
              + newNrBlocks
              + " blocks need "
              + bitmaps
              + " bitmaps, at most "
              + maxIndexEntries());
    }
    // Set first: allocating the bitmaps below may recurse into this map (metadata).
    nrBlocks = newNrBlocks;
    for (long i = oldBitmaps; i < bitmaps; i++) {
      long location;
      try (Block b = tm.newBlock(BitmapBlock.VALIDATOR)) {
        location = b.location();
      }
      saveIndex(i, new IndexEntry(location, BitmapBlock.ENTRIES_PER_BLOCK, 0));
    }
  }

  /** Block numbers reach the space map from metadata, so one out of range is corruption. */
  void checkBlock(long b) throws CorruptMetadataException {
    if (b < 0 || b >= nrBlocks) {
      throw CorruptMetadataException.expected(
          b, name() + " block number", "< " + nrBlocks + " (space map size)", b, "");
    }
  }

  /** The 2-bit count of {@code b} (3 means "3 or more"). */
  int lookupBitmap(long b) throws IOException {
    checkBlock(b);
    IndexEntry ie = loadIndex(b / BitmapBlock.ENTRIES_PER_BLOCK);
    try (Block bm = tm.read(ie.blocknr(), BitmapBlock.VALIDATOR)) {
      return BitmapBlock.get(bm.data(), (int) (b % BitmapBlock.ENTRIES_PER_BLOCK));
    }
  }

  long lookup(long b) throws IOException {
    int small = lookupBitmap(b);
    return small < BitmapBlock.OVERFLOW ? small : lookupOverflow(b);
  }

  long lookupOverflow(long b) throws IOException {
    byte[] v = refCounts.lookup(refCountRoot, b);
    if (v == null) {
      throw new CorruptMetadataException(
          b,
          name() + " ref count",
          "bitmap says 3 or more but the ref-count tree has no entry",
          "");
    }
    long count = Le.u32(v, 0);
    if (count < BitmapBlock.OVERFLOW) {
      throw CorruptMetadataException.expected(b, name() + " overflow ref count", ">= 3", count, "");
    }
    return count;
  }

  /**
   * The first block in [begin, end) with count 0, or -1. Bitmaps whose index says they are full are
   * skipped, and each search starts at the index's none-free-before hint.
   */
  long findFree(long begin, long end) throws IOException {
    long epb = BitmapBlock.ENTRIES_PER_BLOCK;
    end = Math.min(end, nrBlocks);
    for (long i = begin / epb; i * epb < end; i++) {
      IndexEntry ie = loadIndex(i);
      if (ie.nrFree() == 0) {
        continue;
      }
      long first = i * epb;
      int from = (int) Math.max(Math.max(begin - first, 0), Math.min(ie.noneFreeBefore(), epb));
      int to = (int) Math.min(epb, end - first);
      if (from >= to) {
        continue;
      }
      try (Block bm = tm.read(ie.blocknr(), BitmapBlock.VALIDATOR)) {
        int e = BitmapBlock.findFree(bm.data(), from, to);
        if (e >= 0) {
          return first + e;
        }
      }
    }
    return -1;
  }

  /**
   * A block free in this map and in {@code committed} (this map as of the last commit), searched
   * from {@code begin} to the end, then from the start; -1 if there is none. Requiring both is what
   * keeps a block freed in this transaction from being reused before it commits. {@code busy}
   * excludes blocks that queued operations are about to take.
   */
  long findCommonFree(LowLevelSpaceMap committed, long begin, LongPredicate busy)
      throws IOException {
    long b = findCommonFree(committed, begin, nrBlocks, busy);
    return b < 0 && begin > 0 ? findCommonFree(committed, 0, begin, busy) : b;
  }

  private long findCommonFree(LowLevelSpaceMap committed, long from, long to, LongPredicate busy)
      throws IOException {
    boolean reuseFreed = tm.bugs().has(PdataBug.REUSE_FREED_BLOCK);
    for (long start = from; start < to; ) {
      long b = findFree(start, to);
      if (b < 0) {
        return -1;
      }
      if (!busy.test(b) && (reuseFreed || b >= committed.nrBlocks || committed.lookup(b) == 0)) {
        return b;
      }
      start = b + 1;
    }
    return -1;
  }

  /** Sets the count of {@code b}; returns the old count. */
  long insert(long b, long count) throws IOException {
    checkBlock(b);
    if (count < 0 || count > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("ref count " + count + " out of range");
    }
    long index = b / BitmapBlock.ENTRIES_PER_BLOCK;
    int bit = (int) (b % BitmapBlock.ENTRIES_PER_BLOCK);
    IndexEntry ie = loadIndex(index);
    long old;
    Shadow s = tm.shadow(ie.blocknr(), BitmapBlock.VALIDATOR);
    try (Block bm = s.block()) {
      ie = ie.withBlocknr(bm.location());
      old = BitmapBlock.get(bm.data(), bit);
      if (old == BitmapBlock.OVERFLOW) {
        old = lookupOverflow(b);
      }
      BitmapBlock.set(bm.data(), bit, (int) Math.min(count, BitmapBlock.OVERFLOW));
    }
    if (count >= BitmapBlock.OVERFLOW) {
      byte[] v = new byte[REF_COUNT_SIZE];
      Le.putU32(v, 0, count);
      refCountRoot = refCounts.insert(refCountRoot, new long[] {b}, v).root();
    } else if (old >= BitmapBlock.OVERFLOW) {
      refCountRoot = refCounts.remove(refCountRoot, new long[] {b}).root();
    }
    if (count > 0 && old == 0) {
      nrAllocated++;
      if (!tm.bugs().has(PdataBug.INDEX_NR_FREE_STALE)) {
        long nfb = ie.noneFreeBefore() == bit ? bit + 1 : ie.noneFreeBefore();
        ie = new IndexEntry(ie.blocknr(), ie.nrFree() - 1, nfb);
      }
    } else if (count == 0 && old > 0) {
      nrAllocated--;
      if (!tm.bugs().has(PdataBug.INDEX_NR_FREE_STALE)) {
        ie = new IndexEntry(ie.blocknr(), ie.nrFree() + 1, Math.min(ie.noneFreeBefore(), bit));
      }
    }
    saveIndex(index, ie);
    return old;
  }

  void inc(long b) throws IOException {
    insert(b, lookup(b) + 1);
  }

  void dec(long b) throws IOException {
    long c = lookup(b);
    if (c == 0) {
      throw new CorruptMetadataException(
          b, name() + " ref count", "cannot decrement a reference count below 0", "");
    }
    insert(b, c - 1);
  }
}
