package io.powercut.pdata.btree;

import io.powercut.pdata.block.Block;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Releases a whole (multi-level) tree, as the kernel's dm_btree_del: a shared node only loses a
 * reference; an unshared one is entered, its children or leaf values released, then freed. The
 * explicit stack is bounded by {@link BTree#MAX_DEPTH}, so a cycle ends in an error, not a hang.
 */
final class BTreeDelete {
  private final BTree tree;
  private final TransactionManager tm;
  private final ArrayDeque<Frame> stack = new ArrayDeque<>();

  BTreeDelete(BTree tree) {
    this.tree = tree;
    this.tm = tree.tm();
  }

  private static final class Frame {
    final Block block;
    final int level;
    final int nrChildren;
    int next;

    Frame(Block block, int level) {
      this.block = block;
      this.level = level;
      this.nrChildren = BTreeNode.nrEntries(block.data());
    }
  }

  void delete(long root) throws IOException {
    try {
      push(root, 0);
      while (!stack.isEmpty()) {
        Frame f = stack.peek();
        byte[] d = f.block.data();
        if (f.next >= f.nrChildren) {
          pop();
        } else if (BTreeNode.isInternal(d)) {
          push(BTreeNode.value64(d, f.next++), f.level);
        } else if (f.level < tree.levels() - 1) {
          push(BTreeNode.value64(d, f.next++), f.level + 1);
        } else {
          tree.valueType().dec(d, BTreeNode.valueOffset(d, 0), f.nrChildren);
          pop();
        }
      }
    } finally {
      while (!stack.isEmpty()) {
        stack.pop().block.close();
      }
    }
  }

  private void push(long b, int level) throws IOException {
    if (tm.spaceMap().countIsMoreThanOne(b)) {
      tm.dec(b);
      return;
    }
    if (stack.size() >= BTree.MAX_DEPTH) {
      throw tree.tooDeep(b);
    }
    stack.push(new Frame(tree.readNode(b, tree.levelValueType(level).size(), true), level));
  }

  private void pop() throws IOException {
    Frame f = stack.pop();
    f.block.close();
    tm.dec(f.block.location());
  }
}
