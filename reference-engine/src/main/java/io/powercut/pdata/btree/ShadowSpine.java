package io.powercut.pdata.btree;

import io.powercut.pdata.block.Block;
import io.powercut.pdata.tm.Shadow;
import java.io.IOException;

/**
 * The two-node window (parent, current) a modifying descent holds, shadowing each node it steps
 * into. Remembers where the (shadowed) root ended up.
 */
final class ShadowSpine implements AutoCloseable {
  private final BTree tree;
  private Block parent;
  private Block current;
  private long root = -1;
  private int depth;

  ShadowSpine(BTree tree) {
    this.tree = tree;
  }

  /** Shadows {@code b} and makes it current; the previous current becomes the parent. */
  void step(long b, ValueType vt) throws IOException {
    if (++depth > BTree.MAX_DEPTH) {
      throw tree.tooDeep(b);
    }
    Shadow s = tree.tm().shadow(b, BTreeNode.VALIDATOR);
    try {
      tree.checkNode(s.block(), vt.size());
      if (s.incChildren()) {
        tree.incChildren(s.block().data(), vt);
      }
    } catch (IOException | RuntimeException e) {
      s.block().close();
      throw e;
    }
    if (parent != null) {
      parent.close();
    }
    parent = current;
    current = s.block();
    if (root < 0) {
      root = current.location();
    }
  }

  Block current() {
    return current;
  }

  Block parent() {
    return parent;
  }

  boolean hasParent() {
    return parent != null;
  }

  /** Replaces the current node (after a split picked the other half); the old one is released. */
  void replaceCurrent(Block b) {
    current.close();
    current = b;
  }

  long root() {
    return root;
  }

  @Override
  public void close() {
    if (parent != null) {
      parent.close();
      parent = null;
    }
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
