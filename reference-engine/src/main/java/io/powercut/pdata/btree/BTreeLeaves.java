package io.powercut.pdata.btree;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.block.Block;
import java.io.IOException;
import java.util.BitSet;

/**
 * A single-level tree seen leaf by leaf: which leaves it has, in key order (only the internal nodes
 * are read), and the entries of one leaf. For readers that care which nodes trees share, as
 * thin_dump 1.1 does.
 */
public final class BTreeLeaves {
  /** Receives the leaves of a tree, by block number, in key order. */
  public interface LeafVisitor {
    void leaf(long block) throws IOException;
  }

  private final BTree tree;
  private final int valueSize;

  public BTreeLeaves(BTree tree) {
    if (tree.levels() != 1) {
      throw new IllegalStateException("BTreeLeaves walks single-level trees");
    }
    this.tree = tree;
    this.valueSize = tree.levelValueType(0).size();
  }

  /** Visits the leaves under {@code root} in key order; a node reached twice is corruption. */
  public void forEachLeaf(long root, LeafVisitor visitor) throws IOException {
    walk(root, visitor, new BitSet(), 1);
  }

  private void walk(long b, LeafVisitor visitor, BitSet seen, int depth) throws IOException {
    if (depth > BTree.MAX_DEPTH) {
      throw tree.tooDeep(b);
    }
    if (b >= 0 && b <= Integer.MAX_VALUE && seen.get((int) b)) {
      throw new CorruptMetadataException(b, "btree node reached twice", "the tree has a cycle", "");
    }
    long[] children;
    try (Block block = tree.readNode(b, valueSize, true)) {
      seen.set((int) b);
      byte[] d = block.data();
      if (!BTreeNode.isInternal(d)) {
        visitor.leaf(b);
        return;
      }
      children = new long[BTreeNode.nrEntries(d)];
      for (int i = 0; i < children.length; i++) {
        children[i] = BTreeNode.value64(d, i);
      }
    }
    for (long child : children) {
      walk(child, visitor, seen, depth + 1);
    }
  }

  /** Visits the entries of {@code leaf}, which must be a leaf. */
  public void forEachEntry(long leaf, EntryVisitor visitor) throws IOException {
    try (Block block = tree.readNode(leaf, valueSize, true)) {
      byte[] d = block.data();
      if (!BTreeNode.isLeaf(d)) {
        throw new CorruptMetadataException(leaf, "node flags", "expected a leaf", "");
      }
      int nr = BTreeNode.nrEntries(d);
      for (int i = 0; i < nr; i++) {
        visitor.visit(BTreeNode.key(d, i), d, BTreeNode.valueOffset(d, i));
      }
    }
  }
}
