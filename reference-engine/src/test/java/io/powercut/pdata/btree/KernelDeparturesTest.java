package io.powercut.pdata.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.TreeRulesWalker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two places where {@link BTreeRemove} departs from the kernel's rebalance_children when the
 * root has a single child, each shown on a tree of three-entry nodes where the kernel's order would
 * break a rule.
 */
class KernelDeparturesTest {
  static final int KEYS = 1000;

  /** A depth-3 tree whose root was just left with one internal child by a merge. */
  record SingleChildRoot(MetadataStack stack, BTree tree, long root, List<Long> keys) {}

  static SingleChildRoot singleChildRoot(long seed) throws IOException {
    MetadataStack s = MetadataStack.create(8192);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(BTreeTest.BIG));
    long root = BTreeTest.insertAll(t, t.empty(), BTreeTest.BIG, 0, KEYS);
    assertEquals(3, BTreeTest.depth(s.tm, root));
    List<Long> keys = new ArrayList<>();
    for (long k = 0; k < KEYS; k++) {
      keys.add(k);
    }
    Collections.shuffle(keys, new java.util.Random(seed));
    // Bounded: every key can be removed once.
    while (!keys.isEmpty()) {
      root = t.remove(root, new long[] {keys.remove(keys.size() - 1)}).root();
      byte[] d = TreeRulesWalker.read(s.tm, root);
      if (BTreeNode.isInternal(d) && BTreeNode.nrEntries(d) == 1) {
        assertTrue(BTreeNode.isInternal(TreeRulesWalker.read(s.tm, BTreeNode.value64(d, 0))));
        return new SingleChildRoot(s, t, root, keys);
      }
    }
    return fail("the root never came down to a single child");
  }

  static byte[] onlyChild(SingleChildRoot c) throws IOException {
    return TreeRulesWalker.read(
        c.stack().tm, BTreeNode.value64(TreeRulesWalker.read(c.stack().tm, c.root()), 0));
  }

  /**
   * Confirms the departure: after collapsing the root into its only child, the kernel steps into
   * the next child without rebalancing it. Here that child is a leaf holding exactly max/3 entries,
   * so the kernel's removal would leave it one below the minimum; the engine rebalances first and
   * every node keeps at least max/3 entries.
   */
  @Test
  void afterACollapseTheNextChildIsRebalancedBeforeTheRemoval() throws IOException {
    SingleChildRoot c = singleChildRoot(1);
    byte[] child = onlyChild(c);
    Long victim = null;
    for (int i = 0; i < BTreeNode.nrEntries(child) && victim == null; i++) {
      byte[] leaf = TreeRulesWalker.read(c.stack().tm, BTreeNode.value64(child, i));
      if (BTreeNode.nrEntries(leaf) == BTreeNode.maxEntries(leaf) / 3) {
        victim = BTreeNode.key(leaf, 0);
      }
    }
    assertNotNull(victim, "a leaf at the minimum below the only child");
    long root = c.tree().remove(c.root(), new long[] {victim}).root();
    assertEquals(2, BTreeTest.depth(c.stack().tm, root), "the root collapsed");
    TreeAudit.check(c.stack(), BTreeTest.BIG_SHAPE, root);
  }

  /**
   * Confirms the departure (and the 2025 kernel fix "dm btree remove: increment the reference
   * counts on the grandchildren if the btree node is shared"): when the single child is shared with
   * a snapshot, copying it into the root gives its children a second parent, so each must gain a
   * reference. The kernel's plain dec of the child would leave them at 1 with two parents.
   */
  @Test
  void collapsingASharedChildAddsReferencesToItsChildren() throws IOException {
    SingleChildRoot c = singleChildRoot(2);
    MetadataStack s = c.stack();
    s.commit(c.root());
    long snapshot = c.root();
    s.tm.inc(snapshot);
    byte[] child = onlyChild(c);
    int nr = BTreeNode.nrEntries(child);
    long lastGrandchild = BTreeNode.value64(child, nr - 1);
    assertEquals(1, s.tm.refCount(lastGrandchild));
    long smallest = Collections.min(c.keys());
    long root = c.tree().remove(c.root(), new long[] {smallest}).root();
    assertEquals(2, BTreeTest.depth(s.tm, root), "the origin's root collapsed");
    assertEquals(3, BTreeTest.depth(s.tm, snapshot), "the snapshot keeps its shape");
    assertEquals(
        2, s.tm.refCount(lastGrandchild), "parents: the collapsed root and the shared child");
    TreeAudit.check(s, BTreeTest.BIG_SHAPE, root, snapshot);
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 50; i++) {
      root = c.tree().remove(root, new long[] {c.keys().get(r.nextInt(c.keys().size()))}).root();
    }
    c.tree().delete(snapshot);
    TreeAudit.check(s, BTreeTest.BIG_SHAPE, root);
  }
}
