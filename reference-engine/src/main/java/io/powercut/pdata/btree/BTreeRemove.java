package io.powercut.pdata.btree;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.tm.Shadow;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * Removal from a {@link BTree}, as the kernel's dm-btree-remove: walking down, each child is
 * rebalanced with its siblings before it is entered, so that removing one entry from it cannot
 * leave it under a third full. A root left with a single child is collapsed into it.
 */
final class BTreeRemove {
  private final BTree tree;
  private final TransactionManager tm;
  private final Bugs bugs;

  BTreeRemove(BTree tree) {
    this.tree = tree;
    this.tm = tree.tm();
    this.bugs = tm.bugs();
  }

  /** Removes the entry under {@code keys}, which the caller has checked is present. */
  long remove(long root, long[] keys) throws IOException {
    try (ShadowSpine spine = new ShadowSpine(tree)) {
      long block = root;
      int index = 0;
      int last = tree.levels() - 1;
      for (int level = 0; level <= last; level++) {
        ValueType vt = tree.levelValueType(level);
        index = removeRaw(spine, vt, block, keys[level], index);
        byte[] d = spine.current().data();
        if (level < last) {
          block = BTreeNode.value64(d, index);
          continue;
        }
        vt.dec(d, BTreeNode.valueOffset(d, index), 1);
        BTreeNode.deleteAt(d, index);
      }
      return spine.root();
    }
  }

  /** Descends one level to the leaf holding {@code key} and returns its index there. */
  private int removeRaw(ShadowSpine spine, ValueType vt, long block, long key, int parentIndex)
      throws IOException {
    int i = parentIndex;
    for (; ; ) {
      spine.step(block, vt);
      if (spine.hasParent()) {
        BTreeNode.setValue64(spine.parent().data(), i, spine.current().location());
      }
      if (BTreeNode.isInternal(spine.current().data())) {
        rebalanceChildren(spine.current(), vt, key);
      }
      byte[] d = spine.current().data();
      i = BTreeNode.lowerBound(d, key);
      if (BTreeNode.isLeaf(d)) {
        if (i < 0 || BTreeNode.key(d, i) != key) {
          throw new IllegalStateException("key " + key + " vanished during remove");
        }
        return i;
      }
      block = BTreeNode.value64(d, i);
    }
  }

  /**
   * Makes sure the child of {@code node} that covers {@code key} has more than the minimum number
   * of entries, by merging with or borrowing from its siblings.
   */
  private void rebalanceChildren(Block node, ValueType vt, long key) throws IOException {
    byte[] d = node.data();
    // A collapse can bring up another single-child node; each one removes a level, so this ends.
    while (BTreeNode.isInternal(d) && BTreeNode.nrEntries(d) == 1) {
      collapse(d, vt);
    }
    if (BTreeNode.isLeaf(d)) {
      return;
    }
    int i = Math.max(0, BTreeNode.lowerBound(d, key));
    int nr = BTreeNode.nrEntries(d);
    if (i == 0) {
      rebalance2(d, vt, 0);
    } else if (i == nr - 1) {
      rebalance2(d, vt, i - 1);
    } else {
      rebalance3(d, vt, i - 1);
    }
  }

  /**
   * Replaces a node that has one child by the child's contents. Unlike the kernel, a shared child's
   * children gain a reference first: the child keeps pointing at them too.
   */
  private void collapse(byte[] d, ValueType vt) throws IOException {
    long child = BTreeNode.value64(d, 0);
    try (Block c = tree.readNode(child, vt.size(), true)) {
      System.arraycopy(c.data(), 0, d, 0, d.length);
    }
    if (tm.spaceMap().countIsMoreThanOne(child)) {
      tree.incChildren(d, vt);
    }
    tm.dec(child);
  }

  /** A child shadowed for rebalancing, with its slot in the parent. */
  private final class Child implements AutoCloseable {
    int index;
    final Block block;
    final byte[] d;

    Child(byte[] parent, int index, ValueType vt) throws IOException {
      this.index = index;
      Shadow s = tm.shadow(BTreeNode.value64(parent, index), BTreeNode.VALIDATOR);
      this.block = s.block();
      this.d = block.data();
      try {
        tree.checkNode(block, vt.size());
        boolean skip = bugs.has(PdataBug.REMOVE_SKIPS_LEAF_INC) && BTreeNode.isLeaf(d);
        if (s.incChildren() && !skip) {
          tree.incChildren(d, vt);
        }
      } catch (IOException | RuntimeException e) {
        block.close();
        throw e;
      }
      BTreeNode.setValue64(parent, index, block.location());
    }

    int nr() {
      return BTreeNode.nrEntries(d);
    }

    @Override
    public void close() {
      block.close();
    }
  }

  private int mergeThreshold(byte[] d) {
    return BTreeNode.maxEntries(d) / 3;
  }

  private void rebalance2(byte[] parent, ValueType vt, int leftIndex) throws IOException {
    try (Child l = new Child(parent, leftIndex, vt);
        Child r = new Child(parent, leftIndex + 1, vt)) {
      rebalance2(parent, l, r);
    }
  }

  private void rebalance2(byte[] parent, Child l, Child r) throws IOException {
    int nrLeft = l.nr();
    int nrRight = r.nr();
    // Merge unless each half of an even split keeps more than max/3 entries, so the one removed
    // next still leaves at least max/3; the seeded bug uses the kernel's threshold before 2019.
    int threshold =
        bugs.has(PdataBug.REBALANCE_UNDERFULL)
            ? 2 * mergeThreshold(l.d) + 1
            : 2 * (mergeThreshold(l.d) + 1);
    if (nrLeft + nrRight < threshold) {
      BTreeNode.moveEntries(l.d, nrLeft, r.d, 0, nrRight);
      BTreeNode.setNrEntries(l.d, nrLeft + nrRight);
      BTreeNode.setNrEntries(r.d, 0);
      BTreeNode.deleteAt(parent, r.index);
      // The right node goes; its children stay referenced, now by the left one.
      tm.dec(r.block.location());
    } else {
      int targetLeft = (nrLeft + nrRight) / 2;
      shift(l.d, r.d, nrLeft - targetLeft);
      BTreeNode.setKey(parent, r.index, BTreeNode.key(r.d, 0));
    }
  }

  private void rebalance3(byte[] parent, ValueType vt, int leftIndex) throws IOException {
    try (Child l = new Child(parent, leftIndex, vt);
        Child c = new Child(parent, leftIndex + 1, vt);
        Child r = new Child(parent, leftIndex + 2, vt)) {
      int total = l.nr() + c.nr() + r.nr();
      if (total < 4 * mergeThreshold(l.d) + 1) {
        deleteCenter(parent, l, c, r);
      } else {
        redistribute3(parent, l, c, r);
      }
    }
  }

  /** Pours the centre node into its neighbours (left first), drops it, then rebalances the two. */
  private void deleteCenter(byte[] parent, Child l, Child c, Child r) throws IOException {
    int nrLeft = l.nr();
    int nrCenter = c.nr();
    int toLeft = Math.min(BTreeNode.maxEntries(l.d) - nrLeft, nrCenter);
    BTreeNode.moveEntries(l.d, nrLeft, c.d, 0, toLeft);
    BTreeNode.setNrEntries(l.d, nrLeft + toLeft);
    int toRight = nrCenter - toLeft;
    // Only an under-full input tree gets here: otherwise the left absorbs the whole centre.
    if (toRight > 0) {
      int nrRight = r.nr();
      BTreeNode.moveEntries(r.d, toRight, r.d, 0, nrRight);
      BTreeNode.moveEntries(r.d, 0, c.d, toLeft, toRight);
      BTreeNode.setNrEntries(r.d, nrRight + toRight);
    }
    BTreeNode.setKey(parent, r.index, BTreeNode.key(r.d, 0));
    BTreeNode.deleteAt(parent, c.index);
    r.index--;
    tm.dec(c.block.location());
    rebalance2(parent, l, r);
  }

  /** Spreads the entries of three siblings evenly (the left one takes the remainder). */
  private void redistribute3(byte[] parent, Child l, Child c, Child r) {
    int nrLeft = l.nr();
    int nrCenter = c.nr();
    int nrRight = r.nr();
    int total = nrLeft + nrCenter + nrRight;
    int targetRight = total / 3;
    int targetLeft = targetRight + (targetRight * 3 != total ? 1 : 0);
    // The centre can run short only when a sibling was under-full to begin with.
    if (nrLeft < nrRight) {
      int s = nrLeft - targetLeft;
      if (s < 0 && nrCenter < -s) {
        // The centre cannot fill the left alone: empty it there, then borrow across it.
        shift(l.d, c.d, -nrCenter);
        s += nrCenter;
        shift(l.d, r.d, s);
        nrRight += s;
      } else {
        shift(l.d, c.d, s);
      }
      shift(c.d, r.d, targetRight - nrRight);
    } else {
      int s = targetRight - nrRight;
      if (s > 0 && nrCenter < s) {
        shift(c.d, r.d, nrCenter);
        s -= nrCenter;
        shift(l.d, r.d, s);
        nrLeft -= s;
      } else {
        shift(c.d, r.d, s);
      }
      shift(l.d, c.d, nrLeft - targetLeft);
    }
    if (bugs.has(PdataBug.REBALANCE_DROPS_ENTRY)) {
      BTreeNode.setNrEntries(c.d, c.nr() - 1);
    }
    BTreeNode.setKey(parent, c.index, BTreeNode.key(c.d, 0));
    BTreeNode.setKey(parent, r.index, BTreeNode.key(r.d, 0));
  }

  /**
   * Moves entries between neighbours: {@code count > 0} moves the last {@code count} entries of
   * {@code left} to the front of {@code right}; {@code count < 0} moves the first {@code -count}
   * entries of {@code right} to the end of {@code left}.
   */
  private static void shift(byte[] left, byte[] right, int count) {
    int nrLeft = BTreeNode.nrEntries(left);
    int nrRight = BTreeNode.nrEntries(right);
    if (count > 0) {
      BTreeNode.moveEntries(right, count, right, 0, nrRight);
      BTreeNode.moveEntries(right, 0, left, nrLeft - count, count);
    } else if (count < 0) {
      int n = -count;
      BTreeNode.moveEntries(left, nrLeft, right, 0, n);
      BTreeNode.moveEntries(right, 0, right, n, nrRight - n);
    }
    BTreeNode.setNrEntries(left, nrLeft - count);
    BTreeNode.setNrEntries(right, nrRight + count);
  }
}
