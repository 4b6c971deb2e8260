package io.powercut.pdata.btree;

import io.powercut.pdata.ExpectedRefCounts;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.TreeRulesWalker;
import io.powercut.pdata.sm.BitmapBlock;
import java.io.IOException;

/** Checks trees held by a {@link MetadataStack} mid-transaction: shape, and every reference. */
final class TreeAudit {
  private TreeAudit() {}

  /** Fails unless the roots are well-formed and the metadata counts equal their pointers. */
  static void check(MetadataStack s, TreeRulesWalker.Shape shape, long... roots)
      throws IOException {
    ExpectedRefCounts refs = new ExpectedRefCounts();
    refs.add(0);
    TreeRulesWalker walker = new TreeRulesWalker(s.tm, refs);
    for (int i = 0; i < roots.length; i++) {
      walker.walk(roots[i], shape, "root " + i);
    }
    refs.add(s.sm.root().bitmapRoot());
    new TreeRulesWalker(s.tm, refs)
        .walk(s.sm.root().refCountRoot(), new TreeRulesWalker.Shape(1, 4), "ref counts");
    long bitmaps =
        (s.sm.nrBlocks() + BitmapBlock.ENTRIES_PER_BLOCK - 1) / BitmapBlock.ENTRIES_PER_BLOCK;
    refs.assertMatches(s.sm, "metadata", (int) bitmaps);
  }
}
