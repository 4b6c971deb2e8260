package io.powercut.thin.target;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The data blocks discards freed in the running transaction, which the last commit may still map
 * for another device: they are passed down to the data device only once the commit that unmaps them
 * is durable ({@link ThinPool#discard} says why), and forgotten when the transaction aborts, which
 * maps them again. With {@link TargetBug#REUSE_FREED_DATA_BLOCK} they are also handed out again
 * before the commit. A block freed in a transaction is not allocated again before its commit (the
 * space map allocates only blocks free in both), so each is held at most once.
 */
final class FreedDataBlocks {
  private final Set<Long> toPassDown = new LinkedHashSet<>();
  private final Deque<Long> reusable = new ArrayDeque<>();

  /** A block a discard freed, to pass down after the commit. */
  void toPassDown(long dataBlock) {
    toPassDown.add(dataBlock);
  }

  /** With {@link TargetBug#REUSE_FREED_DATA_BLOCK}: a freed block to hand out again at once. */
  void reusable(long dataBlock) {
    reusable.addLast(dataBlock);
  }

  boolean hasReusable() {
    return !reusable.isEmpty();
  }

  /** The oldest reusable block, which is then no longer passed down: it is mapped again. */
  long takeReusable() {
    long b = reusable.removeFirst();
    toPassDown.remove(b);
    return b;
  }

  /**
   * After a commit: discards every freed block on the data device, since no commit maps them now. A
   * failed passdown changes nothing the pool promised ({@code passdown_endio} ignores its error
   * too): the blocks are unmapped and committed either way, and a new mapping zeroes first.
   */
  void committed(DataDevice data) {
    for (long dataBlock : toPassDown) {
      try {
        data.discard(dataBlock);
      } catch (ThinPoolException e) {
        // Advisory: a discard only gives the space back to the device below.
      }
    }
    forget();
  }

  /** After an abort, which brings back the last commit's mappings of these blocks. */
  void forget() {
    toPassDown.clear();
    reusable.clear();
  }
}
