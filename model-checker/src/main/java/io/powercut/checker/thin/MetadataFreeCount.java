package io.powercut.checker.thin;

/**
 * What the model knows of the free metadata block count, which it cannot predict: how many blocks
 * an operation takes depends on the shapes of the trees and on which blocks this transaction has
 * shadowed already. It checks what follows from copy-on-write instead:
 *
 * <ul>
 *   <li>the count is at most the device less the reserve the engine keeps back, and never negative;
 *   <li>nothing but a change moves it: asked twice with only queries and refusals between, the
 *       answers are equal;
 *   <li>within a transaction it never rises (blocks freed in it are not reusable before it
 *       commits);
 *   <li>the first change of a transaction that touches a tree or a space map (create, snapshot,
 *       delete, write, remove, allocate) must shadow a committed block, so it falls by at least one
 *       (unless already 0);
 *   <li>an abort, or a reopen of a pool with nothing to commit, gives back the count seen while the
 *       pool was clean after its last commit: the in-core count equals the count recomputed from
 *       disk, and the recovered space map is audited block by block by the strict checker.
 * </ul>
 */
final class MetadataFreeCount {
  private final long max;

  /** The last answer, if it was given in this transaction. */
  private Long last;

  /** Whether nothing that may move the count happened since {@link #last}. */
  private boolean unmoved;

  /** Whether the pool was clean (nothing to commit) when {@link #last} was given. */
  private boolean lastWhileClean;

  /** Whether a change since {@link #last} must have allocated a metadata block. */
  private boolean allocatedSince;

  /** The answer seen while the pool was clean after the last commit, if any. */
  private Long atCommit;

  private boolean clean = true;

  MetadataFreeCount(long metadataBlocks, long reserve) {
    this.max = metadataBlocks - reserve - 1;
  }

  /** A change succeeded; {@code allocates}: one that must shadow when the pool is clean. */
  void changed(boolean allocates) {
    if (clean && allocates) {
      allocatedSince = true;
    }
    unmoved = false;
    clean = false;
  }

  /** A commit point: the pool is clean again, at a count nobody has seen if anything changed. */
  void committed() {
    if (!clean) {
      last = null;
      atCommit = null;
    }
    clean = true;
    allocatedSince = false;
  }

  /** An abort or a reopen: back to the last commit. */
  void reloaded() {
    clean = true;
    allocatedSince = false;
    last = atCommit;
    unmoved = atCommit != null;
    lastWhileClean = true;
  }

  /** A refusal that may have changed something the model cannot see (metadata ran out). */
  void unknown() {
    clean = false;
    last = null;
    unmoved = false;
  }

  /** Null if {@code v} is an answer the engine may give now, else what is wrong. */
  String judge(long v) {
    String problem = null;
    if (v < 0 || v > max) {
      problem = "free metadata blocks " + v + " outside [0, " + max + "]";
    } else if (last != null && unmoved && v != last) {
      problem = "free metadata blocks " + v + ", but nothing changed since it was " + last;
    } else if (last != null && v > last) {
      problem = "free metadata blocks rose from " + last + " to " + v + " within a transaction";
    } else if (last != null && lastWhileClean && allocatedSince && last > 0 && v >= last) {
      problem =
          "free metadata blocks still "
              + v
              + " after the first change of a transaction, which must shadow a committed block";
    }
    last = v;
    unmoved = true;
    lastWhileClean = clean;
    allocatedSince = false;
    if (clean) {
      atCommit = v;
    }
    return problem;
  }
}
