package io.powercut.pdata.btree;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a single-level btree bottom-up from entries in strictly ascending key order, as a restore
 * does: each node is filled in memory and written once, instead of an insert per entry shadowing
 * its path. Nodes are full but for the last two of each level, which share their entries when the
 * last would hold fewer than max_entries/3 (the kernel and thin_check refuse such a non-root node).
 * Memory is two nodes per level. The tree is an ordinary one: {@link BTree} can change it later.
 */
public final class BTreeBuilder {
  private final TransactionManager tm;
  private final List<Level> levels = new ArrayList<>();
  private long size;
  private long lastKey;
  private boolean finished;

  /** A builder of a tree whose leaves hold {@code valueSize}-byte values. */
  public BTreeBuilder(TransactionManager tm, int valueSize) {
    this.tm = tm;
    levels.add(new Level(0, BTreeNode.LEAF, valueSize));
  }

  /** Entries added so far. */
  public long size() {
    return size;
  }

  /**
   * Appends {@code value[off..off+valueSize)} under {@code key}, which must be above (unsigned)
   * every key added before.
   */
  public void add(long key, byte[] value, int off) throws IOException {
    if (finished) {
      throw new IllegalStateException("the tree is already built");
    }
    if (size > 0 && Long.compareUnsigned(key, lastKey) <= 0) {
      throw new IllegalArgumentException(
          "keys must ascend: "
              + Long.toUnsignedString(key)
              + " after "
              + Long.toUnsignedString(lastKey));
    }
    levels.get(0).add(key, value, off);
    lastKey = key;
    size++;
  }

  /** Writes the nodes still in memory and returns the root; an empty tree is one empty leaf. */
  public long finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("the tree is already built");
    }
    finished = true;
    // Bounded: a level that writes two or more nodes adds at most one level above it, whose
    // node count is at most half its own.
    for (int i = 0; ; i++) {
      Level level = levels.get(i);
      if (level.pending == null) {
        // The level's only node: nothing was passed up, so it is the root.
        return write(level.current);
      }
      level.finish();
    }
  }

  /** One level of the tree being built: a full node held back, and the node being filled. */
  private final class Level {
    private final int height;
    private final int flags;
    private final int levelValueSize;
    private final int max;
    private byte[] pending;
    private byte[] current;

    Level(int height, int flags, int levelValueSize) {
      this.height = height;
      this.flags = flags;
      this.levelValueSize = levelValueSize;
      this.max = BTreeNode.calcMaxEntries(levelValueSize);
      this.current = newNode();
    }

    private byte[] newNode() {
      byte[] d = new byte[BlockManager.BLOCK_SIZE];
      BTreeNode.init(d, flags, levelValueSize);
      return d;
    }

    void add(long key, byte[] value, int off) throws IOException {
      if (BTreeNode.nrEntries(current) == max) {
        // The full node waits until the next one is known not to be the under-full last.
        if (pending != null) {
          passUp(pending);
        }
        pending = current;
        current = newNode();
      }
      BTreeNode.insertAt(current, BTreeNode.nrEntries(current), key, value, off);
    }

    /** Writes the two nodes left, sharing their entries if the last one is under a third full. */
    void finish() throws IOException {
      int last = BTreeNode.nrEntries(current);
      if (last < max / 3) {
        int total = max + last;
        int moved = max - total / 2;
        BTreeNode.moveEntries(current, moved, current, 0, last);
        BTreeNode.moveEntries(current, 0, pending, max - moved, moved);
        BTreeNode.setNrEntries(current, last + moved);
        BTreeNode.setNrEntries(pending, max - moved);
      }
      passUp(pending);
      passUp(current);
      pending = null;
      current = null;
    }

    /** Writes a node and adds (its first key, its location) to the level above. */
    private void passUp(byte[] node) throws IOException {
      if (height == levels.size() - 1) {
        levels.add(new Level(height + 1, BTreeNode.INTERNAL, 8));
      }
      // Not a shared buffer: adding to the level above may write a node of that level first.
      byte[] pointer = new byte[8];
      Le.putU64(pointer, 0, write(node));
      levels.get(height + 1).add(BTreeNode.key(node, 0), pointer, 0);
    }
  }

  private long write(byte[] node) throws IOException {
    try (Block b = tm.newBlock(BTreeNode.VALIDATOR)) {
      System.arraycopy(node, 0, b.data(), 0, BlockManager.BLOCK_SIZE);
      return b.location();
    }
  }
}
