package io.powercut.thin.check;

import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.btree.BTreeNode;
import java.io.IOException;

/**
 * Walks one btree without recursion, checking every node it reaches for the first time: stamp,
 * flags, value size, max_entries, nr_entries, occupancy (the root is exempt), key order, and that
 * each child's keys lie in the range its parent gives it. Every pointer it follows is counted as a
 * reference. A node already walked by another tree of the same kind is shared (a snapshot, or the
 * metadata snapshot): it is counted, and its keys checked against this parent's range, not walked
 * again. A node reached twice within one walk (a cycle, or two parents) is reported and not
 * followed, so each block is descended at most once per check and the walk ends whatever the bytes
 * say.
 */
final class TreeWalker {
  /** Deeper than any tree a metadata device of at most 2^32 blocks can hold. */
  static final int MAX_DEPTH = 16;

  /** Returned by {@link #enter} when the node was pushed and its entries are not yet counted. */
  private static final long PENDING = Long.MIN_VALUE;

  /** Receives every leaf the walk reaches for the first time, in key order. */
  interface LeafVisitor {
    void leaf(long block, byte[] node, int nrEntries);

    /**
     * Whether the leaves beneath a shared node (walked by an earlier tree) are wanted too, through
     * {@link #sharedLeaf}. Trees that list devices need them: the live and the snapshot's details
     * tree may be one and the same block. Counting trees do not: a leaf counts once.
     */
    default boolean wantsSharedLeaves() {
      return false;
    }

    /** A leaf beneath a shared node, in key order among the others; its pointers are counted. */
    default void sharedLeaf(long block, byte[] node, int nrEntries) {}
  }

  private final BlockReader reader;
  private final BlockUsage usage;
  private final ProblemLog log;
  // One buffer per level, made on first use: small pools need two or three.
  private final byte[][] nodes = new byte[MAX_DEPTH][];
  private final long[] blocks = new long[MAX_DEPTH];
  private final int[] next = new int[MAX_DEPTH];
  private final int[] count = new int[MAX_DEPTH];
  private final long[] upper = new long[MAX_DEPTH];
  private final boolean[] bounded = new boolean[MAX_DEPTH];
  private final long[] total = new long[MAX_DEPTH];
  private final boolean[] damaged = new boolean[MAX_DEPTH];
  // The re-reading of shared subtrees has its own stack: it runs in the middle of a walk.
  private final byte[][] sharedNodes = new byte[MAX_DEPTH][];
  private final long[] sharedBlocks = new long[MAX_DEPTH];
  private final int[] sharedNext = new int[MAX_DEPTH];

  private TreeShape shape;
  private String basePath;
  private LeafVisitor visitor;
  private int walk;
  private int pathDepth;
  private boolean damageSeen;

  TreeWalker(BlockReader reader, BlockUsage usage, ProblemLog log) {
    this.reader = reader;
    this.usage = usage;
    this.log = log;
  }

  /**
   * Walks the tree at {@code root}, counting the root pointer as a reference; {@code path} names
   * where the root pointer lives. Returns the number of leaf entries in the tree, or {@link
   * BlockUsage#DAMAGED} when part of it could not be read.
   */
  long walk(long root, TreeShape treeShape, String path, LeafVisitor leafVisitor)
      throws IOException {
    this.shape = treeShape;
    this.basePath = path;
    this.visitor = leafVisitor;
    this.walk = usage.newWalk();
    long r = enter(root, 0, 0, false, 0);
    if (r != PENDING) {
      return r;
    }
    int sp = 0;
    while (true) {
      byte[] d = nodes[sp];
      if (next[sp] < count[sp]) {
        int i = next[sp]++;
        boolean last = i + 1 == count[sp];
        long child = BTreeNode.value64(d, i);
        r =
            enter(
                child,
                sp + 1,
                BTreeNode.key(d, i),
                last ? bounded[sp] : true,
                last ? upper[sp] : BTreeNode.key(d, i + 1));
        if (r == PENDING) {
          sp++;
        } else {
          add(sp, r);
        }
        continue;
      }
      long entries = damaged[sp] ? BlockUsage.DAMAGED : total[sp];
      usage.setEntriesBeneath(blocks[sp], entries);
      if (sp == 0) {
        return entries;
      }
      sp--;
      add(sp, entries);
    }
  }

  /** Whether an earlier walk reached {@code b} as a node of a {@code treeShape} tree. */
  boolean walked(long b, TreeShape treeShape) {
    return b >= 0 && b < usage.limit() && usage.kind(b) == treeShape.kind;
  }

  /** The leaf entries beneath a walked node, or {@link BlockUsage#DAMAGED}. */
  long entriesBeneath(long b) {
    return usage.entriesBeneath(b);
  }

  /** Whether any walk so far skipped a subtree it could not read or must not follow. */
  boolean damageSeen() {
    return damageSeen;
  }

  /** Where the node being looked at sits: the root pointer's owner, then each node down to it. */
  String path() {
    StringBuilder sb = new StringBuilder(basePath);
    for (int i = 0; i <= pathDepth; i++) {
      sb.append(" > node ").append(blocks[i]);
    }
    return sb.toString();
  }

  private void add(int sp, long entries) {
    if (entries < 0) {
      damaged[sp] = true;
    } else {
      total[sp] += entries;
    }
  }

  /**
   * Follows a pointer to {@code b} at {@code depth}, whose keys must lie in [lo, hi) (hi only when
   * {@code isBounded}). Returns the leaf entries beneath it, {@link BlockUsage#DAMAGED}, or {@link
   * #PENDING} after pushing an internal node.
   */
  private long enter(long b, int depth, long lo, boolean isBounded, long hi) throws IOException {
    long r = follow(b, depth, lo, isBounded, hi);
    if (r == BlockUsage.DAMAGED) {
      damageSeen = true;
    }
    return r;
  }

  private long follow(long b, int depth, long lo, boolean isBounded, long hi) throws IOException {
    blocks[depth] = b;
    pathDepth = depth;
    if (b < 0 || b >= usage.limit()) {
      log.fatal(
          b,
          Rule.BLOCK_RANGE,
          shape.description + " pointer: " + ProblemLog.expected("< " + usage.limit(), b),
          path());
      return BlockUsage.DAMAGED;
    }
    if (usage.lastWalk(b) == walk) {
      log.fatal(
          b,
          Rule.NODE_REVISITED,
          "reached twice within one "
              + shape.description
              + " (a cycle, or a node with two parents)",
          path());
      return BlockUsage.DAMAGED;
    }
    BlockKind kind = usage.kind(b);
    if (kind != null && kind != shape.kind) {
      log.fatal(
          b,
          Rule.BLOCK_TYPE,
          ProblemLog.expected(shape.kind.description, kind.description),
          path());
      return BlockUsage.DAMAGED;
    }
    usage.setLastWalk(b, walk);
    usage.addReference(b);
    if (kind != null) {
      long beneath = usage.entriesBeneath(b);
      if (beneath != BlockUsage.DAMAGED) {
        checkSharedRange(b, depth, lo, isBounded, hi);
        if (visitor.wantsSharedLeaves()) {
          visitShared(b);
        }
      }
      return beneath;
    }
    usage.setKind(b, shape.kind);
    if (nodes[depth] == null) {
      nodes[depth] = new byte[BlockManager.BLOCK_SIZE];
    }
    byte[] d = nodes[depth];
    reader.read(b, d);
    if (!reader.stampValid(b, d, BTreeNode.CHECKSUM_SALT, "btree node", path())
        || !headerValid(b, d, depth)) {
      usage.setEntriesBeneath(b, BlockUsage.DAMAGED);
      return BlockUsage.DAMAGED;
    }
    int nr = BTreeNode.nrEntries(d);
    checkKeys(b, d, nr, lo, isBounded, hi);
    if (BTreeNode.isLeaf(d)) {
      visitor.leaf(b, d, nr);
      usage.setEntriesBeneath(b, nr);
      return nr;
    }
    if (depth + 1 >= MAX_DEPTH) {
      log.fatal(
          b,
          Rule.TREE_DEPTH,
          ProblemLog.expected("at most " + MAX_DEPTH + " levels", "deeper"),
          path());
      usage.setEntriesBeneath(b, BlockUsage.DAMAGED);
      return BlockUsage.DAMAGED;
    }
    next[depth] = 0;
    count[depth] = nr;
    upper[depth] = hi;
    bounded[depth] = isBounded;
    total[depth] = 0;
    damaged[depth] = false;
    return PENDING;
  }

  /**
   * Hands the leaves beneath {@code root}, a node an earlier walk checked without damage, to the
   * visitor. Nothing is counted or checked again; the earlier walk proved the subtree a tree (no
   * node reached twice, at most {@link #MAX_DEPTH} levels), so this ends, and a node that no longer
   * reads as that walk saw it ends the descent there.
   */
  private void visitShared(long root) throws IOException {
    if (!readShared(root, 0)) {
      return;
    }
    int sp = 0;
    while (sp >= 0) {
      byte[] d = sharedNodes[sp];
      int nr = BTreeNode.nrEntries(d);
      if (BTreeNode.isLeaf(d)) {
        visitor.sharedLeaf(sharedBlocks[sp], d, nr);
        sp--;
      } else if (sharedNext[sp] < nr) {
        long child = BTreeNode.value64(d, sharedNext[sp]++);
        if (sp + 1 < MAX_DEPTH && readShared(child, sp + 1)) {
          sp++;
        }
      } else {
        sp--;
      }
    }
  }

  /** Reads a node of the shared subtree; false if it is not the checked node of this tree. */
  private boolean readShared(long b, int depth) throws IOException {
    if (b < 0 || b >= usage.limit() || usage.kind(b) != shape.kind) {
      return false;
    }
    if (sharedNodes[depth] == null) {
      sharedNodes[depth] = new byte[BlockManager.BLOCK_SIZE];
    }
    byte[] d = sharedNodes[depth];
    reader.read(b, d);
    int valueSize = BTreeNode.isLeaf(d) ? shape.leafValueSize : TreeShape.INTERNAL_VALUE_SIZE;
    int fits = (BlockManager.BLOCK_SIZE - BTreeNode.HEADER_SIZE) / (8 + valueSize);
    if (Integer.compareUnsigned(BTreeNode.nrEntries(d), fits) > 0) {
      return false;
    }
    sharedBlocks[depth] = b;
    sharedNext[depth] = 0;
    return true;
  }

  /**
   * The header rules without which the node's entries cannot be read. Occupancy is reported only.
   */
  private boolean headerValid(long b, byte[] d, int depth) {
    int flags = BTreeNode.flags(d);
    if (flags != BTreeNode.INTERNAL && flags != BTreeNode.LEAF) {
      log.fatal(b, Rule.NODE_FLAGS, ProblemLog.expected("internal (1) or leaf (2)", flags), path());
      return false;
    }
    boolean leaf = flags == BTreeNode.LEAF;
    long vs = Integer.toUnsignedLong(BTreeNode.valueSize(d));
    long wantVs = leaf ? shape.leafValueSize : TreeShape.INTERNAL_VALUE_SIZE;
    if (vs != wantVs) {
      log.fatal(
          b,
          Rule.VALUE_SIZE,
          (leaf ? "leaf" : "internal node")
              + " of the "
              + shape.description
              + ": "
              + ProblemLog.expected(wantVs, vs),
          path());
      return false;
    }
    long max = Integer.toUnsignedLong(BTreeNode.maxEntries(d));
    long fits = (BlockManager.BLOCK_SIZE - BTreeNode.HEADER_SIZE) / (8 + vs);
    if (max == 0 || max > fits || max % 3 != 0) {
      log.fatal(
          b,
          Rule.MAX_ENTRIES,
          ProblemLog.expected("a non-zero multiple of 3 that fits (at most " + fits + ")", max),
          path());
      return false;
    }
    long nr = Integer.toUnsignedLong(BTreeNode.nrEntries(d));
    if (nr > max) {
      log.fatal(b, Rule.NR_ENTRIES, ProblemLog.expected("<= max_entries " + max, nr), path());
      return false;
    }
    if (!leaf && nr == 0) {
      log.fatal(b, Rule.NR_ENTRIES, ProblemLog.expected(">= 1 in an internal node", 0), path());
      return false;
    }
    if (depth > 0 && nr < max / 3) {
      log.fatal(
          b, Rule.OCCUPANCY, ProblemLog.expected(">= max_entries/3 = " + max / 3, nr), path());
    }
    return true;
  }

  /**
   * A shared node was checked against the range of the parent that reached it first; every other
   * parent's range must hold its keys too, or lookups through that parent miss them.
   */
  private void checkSharedRange(long b, int depth, long lo, boolean isBounded, long hi)
      throws IOException {
    if (nodes[depth] == null) {
      nodes[depth] = new byte[BlockManager.BLOCK_SIZE];
    }
    byte[] d = nodes[depth];
    reader.read(b, d);
    checkRange(b, d, BTreeNode.nrEntries(d), lo, isBounded, hi);
  }

  private void checkKeys(long b, byte[] d, int nr, long lo, boolean isBounded, long hi) {
    if (nr == 0) {
      return;
    }
    long prev = BTreeNode.key(d, 0);
    for (int i = 1; i < nr; i++) {
      long k = BTreeNode.key(d, i);
      if (Long.compareUnsigned(k, prev) <= 0) {
        log.fatal(
            b,
            Rule.KEY_ORDER,
            "key "
                + i
                + ": "
                + ProblemLog.expected("> " + Long.toUnsignedString(prev), Long.toUnsignedString(k)),
            path());
        break;
      }
      prev = k;
    }
    checkRange(b, d, nr, lo, isBounded, hi);
  }

  private void checkRange(long b, byte[] d, int nr, long lo, boolean isBounded, long hi) {
    if (nr == 0) {
      return;
    }
    long first = BTreeNode.key(d, 0);
    if (Long.compareUnsigned(first, lo) < 0) {
      log.fatal(
          b,
          Rule.KEY_RANGE,
          "first key: "
              + ProblemLog.expected(
                  ">= parent key " + Long.toUnsignedString(lo), Long.toUnsignedString(first)),
          path());
    }
    long lastKey = BTreeNode.key(d, nr - 1);
    if (isBounded && Long.compareUnsigned(lastKey, hi) >= 0) {
      log.fatal(
          b,
          Rule.KEY_RANGE,
          "last key: "
              + ProblemLog.expected(
                  "< next parent key " + Long.toUnsignedString(hi), Long.toUnsignedString(lastKey)),
          path());
    }
  }
}
