package io.powercut.pdata;

import static org.junit.jupiter.api.Assertions.fail;

import io.powercut.pdata.block.Block;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a space map from its blocks, independently of the engine's space-map code: the index (the
 * metadata index block, or the data index btree), each bitmap's 2-bit counts and the overflow tree.
 * Checks the index entries (nr_free counted over all 16320 entries, no free entry below
 * none_free_before), nr_allocated, and that entries past nr_blocks are zero. Counts every block the
 * map itself uses in an {@link ExpectedRefCounts}.
 */
public final class SpaceMapDecoder {
  private final TransactionManager tm;
  private final ExpectedRefCounts metadataRefs;

  public SpaceMapDecoder(TransactionManager tm, ExpectedRefCounts metadataRefs) {
    this.tm = tm;
    this.metadataRefs = metadataRefs;
  }

  /** The non-zero counts of a metadata space map whose root was committed. */
  public Map<Long, Long> metadata(SpaceMapRoot root) throws IOException {
    metadataRefs.add(root.bitmapRoot());
    List<IndexEntry> index = new ArrayList<>();
    try (Block b = tm.read(root.bitmapRoot(), MetadataIndexBlock.VALIDATOR)) {
      for (int i = 0; i < bitmaps(root); i++) {
        index.add(MetadataIndexBlock.entry(b.data(), i));
      }
    }
    return decode(root, index, "metadata");
  }

  /** The non-zero counts of a data space map (its index tree is always current). */
  public Map<Long, Long> data(SpaceMapRoot root) throws IOException {
    List<IndexEntry> index = new ArrayList<>();
    new TreeRulesWalker(tm, metadataRefs)
        .walk(
            root.bitmapRoot(),
            new TreeRulesWalker.Shape(
                1,
                IndexEntry.SIZE,
                (key, node, off) -> {
                  if (key != index.size()) {
                    fail("data index tree: key " + key + " where " + index.size() + " was due");
                  }
                  index.add(IndexEntry.read(node, off));
                }),
            "data space map index");
    if (index.size() != bitmaps(root)) {
      fail("data index tree has " + index.size() + " entries, " + bitmaps(root) + " expected");
    }
    return decode(root, index, "data");
  }

  private static int bitmaps(SpaceMapRoot root) {
    return (int)
        ((root.nrBlocks() + BitmapBlock.ENTRIES_PER_BLOCK - 1) / BitmapBlock.ENTRIES_PER_BLOCK);
  }

  private Map<Long, Long> decode(SpaceMapRoot root, List<IndexEntry> index, String what)
      throws IOException {
    Map<Long, Long> overflow = new HashMap<>();
    new TreeRulesWalker(tm, metadataRefs)
        .walk(
            root.refCountRoot(),
            new TreeRulesWalker.Shape(
                1, 4, (key, node, off) -> overflow.put(key, Le.u32(node, off))),
            what + " ref-count tree");
    Map<Long, Long> counts = new HashMap<>();
    long allocated = 0;
    int epb = BitmapBlock.ENTRIES_PER_BLOCK;
    for (int i = 0; i < index.size(); i++) {
      IndexEntry ie = index.get(i);
      if (!metadataRefs.add(ie.blocknr())) {
        fail(what + " bitmap " + i + " at block " + ie.blocknr() + " is used twice");
      }
      byte[] d;
      try (Block b = tm.read(ie.blocknr(), BitmapBlock.VALIDATOR)) {
        d = b.data().clone();
      }
      int free = 0;
      long firstFree = -1;
      for (int e = 0; e < epb; e++) {
        long block = (long) i * epb + e;
        int small = BitmapBlock.get(d, e);
        if (small == 0) {
          free++;
          if (firstFree < 0) {
            firstFree = e;
          }
          continue;
        }
        if (block >= root.nrBlocks()) {
          fail(what + " bitmap " + i + ": entry " + e + " past nr_blocks is " + small);
        }
        long count = small;
        if (small == BitmapBlock.OVERFLOW) {
          Long c = overflow.remove(block);
          if (c == null || c < 3) {
            fail(what + " block " + block + ": bitmap says 3+, ref-count tree says " + c);
          }
          count = c;
        }
        counts.put(block, count);
        allocated++;
      }
      if (ie.nrFree() != free) {
        fail(what + " bitmap " + i + ": index nr_free " + ie.nrFree() + ", counted " + free);
      }
      if (firstFree >= 0 && firstFree < ie.noneFreeBefore()) {
        fail(
            what
                + " bitmap "
                + i
                + ": entry "
                + firstFree
                + " free below none_free_before "
                + ie.noneFreeBefore());
      }
    }
    if (!overflow.isEmpty()) {
      fail(what + " ref-count tree holds blocks the bitmaps do not mark 3+: " + overflow.keySet());
    }
    if (allocated != root.nrAllocated()) {
      fail(what + " nr_allocated " + root.nrAllocated() + ", counted " + allocated);
    }
    return counts;
  }
}
