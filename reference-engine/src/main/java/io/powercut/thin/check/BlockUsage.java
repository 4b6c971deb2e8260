package io.powercut.thin.check;

/**
 * What the walk learned about each metadata block: its kind, the references found to it, the last
 * tree walk that reached it (to tell sharing between trees from a node reached twice within one
 * tree), and for a walked btree node the number of leaf entries beneath it (so a shared subtree is
 * counted without walking it again). Arrays are sized by the number of blocks pointers may name.
 */
final class BlockUsage {
  /** Marks a subtree that could not be counted because part of it is damaged. */
  static final int DAMAGED = -1;

  private static final BlockKind[] KINDS = BlockKind.values();

  private final ProblemLog log;
  private final long limit;
  private final byte[] kind;
  private final int[] lastWalk;
  private final int[] entriesBeneath;
  private final RefCounter refs;
  private int walks;

  /** Usage of blocks [0, limit); limit is at most the metadata space map's maximum. */
  BlockUsage(long limit, ProblemLog log) {
    this.log = log;
    this.limit = limit;
    int n = Math.toIntExact(limit);
    this.kind = new byte[n];
    this.lastWalk = new int[n];
    this.entriesBeneath = new int[n];
    this.refs = new RefCounter(limit);
  }

  /** Blocks a pointer may name: [0, limit). */
  long limit() {
    return limit;
  }

  /** Whether a pointer to {@code b} names a block the space map covers; reports if not. */
  boolean inRange(long b, String what, String path) {
    return inRange(b, limit, what, path, log);
  }

  /** Whether {@code b} lies in [1, limit); reports if not. Block 0 is the superblock's alone. */
  static boolean inRange(long b, long limit, String what, String path, ProblemLog log) {
    if (b <= 0 || b >= limit) {
      log.fatal(
          b,
          Rule.BLOCK_RANGE,
          what + ": " + ProblemLog.expected("1.." + (limit - 1), Long.toUnsignedString(b)),
          path);
      return false;
    }
    return true;
  }

  /**
   * Claims a block that only one structure may use (a superblock, an index block, a bitmap),
   * counting the reference; reports and returns false if it is out of range or already used.
   */
  boolean claim(long b, BlockKind k, String path) {
    if (!inRange(b, k.description + " pointer", path)) {
      return false;
    }
    BlockKind old = kind(b);
    if (old != null) {
      log.fatal(
          b,
          Rule.BLOCK_TYPE,
          ProblemLog.expected(k.description, "already a " + old.description),
          path);
      return false;
    }
    setKind(b, k);
    addReference(b);
    return true;
  }

  /** The block's kind, or null if nothing has claimed it yet. */
  BlockKind kind(long b) {
    int k = kind[(int) b];
    return k == 0 ? null : KINDS[k - 1];
  }

  void setKind(long b, BlockKind k) {
    kind[(int) b] = (byte) (k.ordinal() + 1);
  }

  /** A fresh id for one tree walk. */
  int newWalk() {
    return ++walks;
  }

  int lastWalk(long b) {
    return lastWalk[(int) b];
  }

  void setLastWalk(long b, int walk) {
    lastWalk[(int) b] = walk;
  }

  /** Leaf entries beneath a walked node, or {@link #DAMAGED}. */
  int entriesBeneath(long b) {
    return entriesBeneath[(int) b];
  }

  void setEntriesBeneath(long b, long entries) {
    entriesBeneath[(int) b] = entries < 0 ? DAMAGED : (int) Math.min(entries, Integer.MAX_VALUE);
  }

  void addReference(long b) {
    refs.inc(b);
  }

  RefCounter refs() {
    return refs;
  }
}
