package io.powercut.pdata.btree;

import io.powercut.pdata.Le;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * Inserts into a (multi-level) tree as the kernel's dm_btree_insert does: down the spine, every
 * node is shadowed, and a full node is split before it is entered (a full root splits beneath
 * itself, so the root never moves), so there is always room for the new entry on the way back.
 */
final class BTreeInsert {
  private final BTree tree;
  private final TransactionManager tm;
  private final int levels;
  private final ValueType valueType;

  BTreeInsert(BTree tree) {
    this.tree = tree;
    this.tm = tree.tm();
    this.levels = tree.levels();
    this.valueType = tree.valueType();
  }

  BTree.Insert insert(long root, long[] keys, byte[] value) throws IOException {
    try (ShadowSpine spine = new ShadowSpine(tree)) {
      long block = root;
      int index = -1;
      for (int level = 0; level < levels; level++) {
        boolean last = level == levels - 1;
        ValueType vt = tree.levelValueType(level);
        index = insertRaw(spine, block, vt, keys[level], index);
        byte[] d = spine.current().data();
        boolean present = index < BTreeNode.nrEntries(d) && BTreeNode.key(d, index) == keys[level];
        if (!last) {
          if (!present) {
            long subtree = tree.emptyAt(level + 1);
            byte[] v = new byte[8];
            Le.putU64(v, 0, subtree);
            BTreeNode.insertAt(d, index, keys[level], v, 0);
          }
          block = BTreeNode.value64(d, index);
          continue;
        }
        if (!present) {
          BTreeNode.insertAt(d, index, keys[level], value, 0);
          return new BTree.Insert(spine.root(), true);
        }
        int off = BTreeNode.valueOffset(d, index);
        if (!valueType.equal(d, off, value, 0)) {
          valueType.dec(d, off, 1);
        }
        System.arraycopy(value, 0, d, off, value.length);
        return new BTree.Insert(spine.root(), false);
      }
      throw new IllegalStateException("unreachable");
    }
  }

  /**
   * Descends one level from {@code block} making room on the way, and returns the index in the
   * current (leaf) node where {@code key} is or belongs. {@code parentIndex} is the slot in the
   * spine's current node that points at {@code block}, or -1 at the top.
   */
  private int insertRaw(ShadowSpine spine, long block, ValueType vt, long key, int parentIndex)
      throws IOException {
    int i = parentIndex;
    boolean top = true;
    for (; ; ) {
      boolean rootSplit = false;
      spine.step(block, vt);
      if (spine.hasParent() && i >= 0) {
        BTreeNode.setValue64(spine.parent().data(), i, spine.current().location());
      }
      byte[] d = spine.current().data();
      if (BTreeNode.nrEntries(d) == BTreeNode.maxEntries(d) && !overwritesInLeaf(d, key)) {
        if (top) {
          splitBeneath(spine, vt);
          rootSplit = true;
        } else {
          splitSibling(spine, vt, i, key);
        }
      }
      d = spine.current().data();
      i = BTreeNode.lowerBound(d, key);
      if (BTreeNode.isLeaf(d)) {
        break;
      }
      if (i < 0) {
        // A new minimum: lower the bound so the child's range covers the key.
        if (!(rootSplit && tm.bugs().has(PdataBug.SPLIT_LOSES_MIN_KEY))) {
          BTreeNode.setKey(d, 0, key);
        }
        i = 0;
      }
      block = BTreeNode.value64(d, i);
      top = false;
    }
    byte[] d = spine.current().data();
    if (i < 0 || BTreeNode.key(d, i) != key) {
      i++;
    }
    return i;
  }

  private static boolean overwritesInLeaf(byte[] d, long key) {
    if (!BTreeNode.isLeaf(d)) {
      return false;
    }
    int i = BTreeNode.lowerBound(d, key);
    return i >= 0 && BTreeNode.key(d, i) == key;
  }

  /**
   * Splits a full root: its entries move to two new children and the root becomes an internal node
   * pointing at them, so the root's location never changes.
   */
  private void splitBeneath(ShadowSpine spine, ValueType vt) throws IOException {
    byte[] p = spine.current().data();
    int nr = BTreeNode.nrEntries(p);
    int nrLeft = nr / 2;
    int flags = BTreeNode.flags(p);
    int size = BTreeNode.isInternal(p) ? 8 : vt.size();
    long left;
    long right;
    long leftKey;
    long rightKey;
    try (Block lb = tm.newBlock(BTreeNode.VALIDATOR);
        Block rb = tm.newBlock(BTreeNode.VALIDATOR)) {
      byte[] l = lb.data();
      byte[] r = rb.data();
      initLike(l, p, flags, size);
      initLike(r, p, flags, size);
      BTreeNode.moveEntries(l, 0, p, 0, nrLeft);
      BTreeNode.setNrEntries(l, nrLeft);
      BTreeNode.moveEntries(r, 0, p, nrLeft, nr - nrLeft);
      BTreeNode.setNrEntries(r, nr - nrLeft);
      left = lb.location();
      right = rb.location();
      leftKey = BTreeNode.key(l, 0);
      rightKey = BTreeNode.key(r, 0);
    }
    BTreeNode.init(p, BTreeNode.INTERNAL, 8);
    BTreeNode.setNrEntries(p, 2);
    BTreeNode.setKey(p, 0, leftKey);
    BTreeNode.setValue64(p, 0, left);
    BTreeNode.setKey(p, 1, rightKey);
    BTreeNode.setValue64(p, 1, right);
  }

  private static void initLike(byte[] n, byte[] like, int flags, int valueSize) {
    BTreeNode.init(n, flags, valueSize);
    // Keep the original's max_entries: the halves must hold what the original held.
    Le.putU32(n, BTreeNode.MAX_ENTRIES, BTreeNode.maxEntries(like));
  }

  /**
   * Splits a full non-root node in two; the parent (which has room, as it was split on the way down
   * if full) gains an entry. The half that will hold {@code key} becomes current.
   */
  private void splitSibling(ShadowSpine spine, ValueType vt, int parentIndex, long key)
      throws IOException {
    Block leftBlock = spine.current();
    byte[] l = leftBlock.data();
    int nr = BTreeNode.nrEntries(l);
    int nrLeft = nr / 2;
    int size = BTreeNode.isInternal(l) ? 8 : vt.size();
    Block rightBlock = tm.newBlock(BTreeNode.VALIDATOR);
    byte[] r = rightBlock.data();
    initLike(r, l, BTreeNode.flags(l), size);
    BTreeNode.moveEntries(r, 0, l, nrLeft, nr - nrLeft);
    BTreeNode.setNrEntries(r, nr - nrLeft);
    BTreeNode.setNrEntries(l, nrLeft);

    byte[] p = spine.parent().data();
    BTreeNode.setValue64(p, parentIndex, leftBlock.location());
    byte[] loc = new byte[8];
    Le.putU64(loc, 0, rightBlock.location());
    BTreeNode.insertAt(p, parentIndex + 1, BTreeNode.key(r, 0), loc, 0);

    if (Long.compareUnsigned(key, BTreeNode.key(r, 0)) < 0) {
      rightBlock.close();
    } else {
      spine.replaceCurrent(rightBlock);
    }
  }
}
