package io.powercut.pdata.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.powercut.pdata.ExpectedRefCounts;
import io.powercut.pdata.Le;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.TreeRulesWalker;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.sm.BitmapBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Removal from trees whose leaves are under-full to begin with: the kernel's node_check accepts
 * them (older tools wrote such trees), and only they reach the rebalance paths that move entries
 * across the centre node or spill the centre into the right sibling. Every other key must survive
 * and every reference stay exact.
 */
class UnderfullTreesTest {
  /** A committed two-level tree whose root has leaves holding {@code sizes} consecutive keys. */
  static long build(MetadataStack s, int valueSize, int... sizes) throws IOException {
    long key = 0;
    long root;
    try (Block r = s.tm.newBlock(BTreeNode.VALIDATOR)) {
      byte[] rd = r.data();
      BTreeNode.init(rd, BTreeNode.INTERNAL, 8);
      for (int i = 0; i < sizes.length; i++) {
        try (Block l = s.tm.newBlock(BTreeNode.VALIDATOR)) {
          byte[] ld = l.data();
          BTreeNode.init(ld, BTreeNode.LEAF, valueSize);
          byte[] loc = new byte[8];
          Le.putU64(loc, 0, l.location());
          BTreeNode.insertAt(rd, i, key, loc, 0);
          for (int j = 0; j < sizes[i]; j++) {
            BTreeNode.insertAt(ld, j, key, value(valueSize, key), 0);
            key++;
          }
        }
      }
      root = r.location();
    }
    s.commit(root);
    return root;
  }

  static byte[] value(int size, long key) {
    byte[] v = new byte[size];
    Le.putU64(v, 0, key * 7);
    return v;
  }

  /** Removes {@code victim} from a tree of keys [0, n) and checks everything else survived. */
  static void removeAndCheck(MetadataStack s, int valueSize, long root, int n, long victim)
      throws IOException {
    BTree t = new BTree(s.tm, 1, ValueType.opaque(valueSize));
    root = t.remove(root, new long[] {victim}).root();
    List<Long> want = new ArrayList<>();
    for (long k = 0; k < n; k++) {
      if (k != victim) {
        want.add(k);
        assertArrayEquals(value(valueSize, k), t.lookup(root, k), "key " + k);
      }
    }
    assertNull(t.lookup(root, victim));
    List<Long> got = new ArrayList<>();
    t.forEach(root, (k, d, off) -> got.add(k));
    assertEquals(want, got);
    ExpectedRefCounts refs = new ExpectedRefCounts();
    refs.add(0);
    new TreeRulesWalker(s.tm, refs)
        .allowUnderfull()
        .walk(root, new TreeRulesWalker.Shape(1, valueSize), "t");
    refs.add(s.sm.root().bitmapRoot());
    new TreeRulesWalker(s.tm, refs)
        .walk(s.sm.root().refCountRoot(), new TreeRulesWalker.Shape(1, 4), "rc");
    long bitmaps =
        (s.sm.nrBlocks() + BitmapBlock.ENTRIES_PER_BLOCK - 1) / BitmapBlock.ENTRIES_PER_BLOCK;
    refs.assertMatches(s.sm, "metadata", (int) bitmaps);
  }

  @Test
  void theCentreSpillsIntoTheRightWhenTheLeftCannotTakeItAll() throws IOException {
    // Nine-entry leaves 8, 3, 1: together under 4*(9/3)+1, so the centre goes; the left has
    // room for one of its entries, the (under-full) right takes the other two.
    MetadataStack s = MetadataStack.create(1024);
    long root = build(s, 400, 8, 3, 1);
    removeAndCheck(s, 400, root, 12, 9);
  }

  @Test
  void aShortLeftBorrowsAcrossTheCentre() throws IOException {
    // 1, 3, 9: the left needs 4 more than it has; the centre has only 3.
    MetadataStack s = MetadataStack.create(1024);
    long root = build(s, 400, 1, 3, 9);
    removeAndCheck(s, 400, root, 13, 2);
  }

  @Test
  void aShortRightBorrowsAcrossTheCentre() throws IOException {
    // 252, 1, 100: the right needs 17 more, the centre has 1.
    MetadataStack s = MetadataStack.create(1024);
    long root = build(s, 8, 252, 1, 100);
    removeAndCheck(s, 8, root, 353, 252);
  }
}
