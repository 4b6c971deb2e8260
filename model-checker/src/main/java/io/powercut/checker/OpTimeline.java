package io.powercut.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each operation of a run begins and ends in its log (the indices of the marks around it),
 * and the committed states a crash at any entry may recover: both sides of the operation in
 * progress, else the state after the last finished one. The one rule of what a crash may recover,
 * shared by the block level's {@link Trace} and the file level's trace, whatever their log is.
 *
 * @param <S> the state a recovery reads back
 */
public final class OpTimeline<S> {
  private final S initial;
  private final List<Integer> begins = new ArrayList<>();
  private final List<Integer> ends = new ArrayList<>();
  private final List<List<S>> allowedDuring = new ArrayList<>();
  private final List<S> committedAfter = new ArrayList<>();

  /** A timeline of a run starting in the committed state {@code initial}. */
  public OpTimeline(S initial) {
    this.initial = initial;
  }

  /** Operation {@link #size()} begins at log entry {@code mark}. */
  public void begin(int mark) {
    if (begins.size() != ends.size()) {
      throw new IllegalStateException("operation " + ends.size() + " began and has not ended");
    }
    begins.add(mark);
  }

  /**
   * The operation in progress ends at log entry {@code mark}; a crash during it may recover {@code
   * during}, one after it {@code committed}.
   */
  public void end(int mark, List<S> during, S committed) {
    if (begins.size() != ends.size() + 1) {
      throw new IllegalStateException("expected an operation in progress, got none");
    }
    ends.add(mark);
    allowedDuring.add(List.copyOf(during));
    committedAfter.add(committed);
  }

  /** Operations that have ended. */
  public int size() {
    return ends.size();
  }

  /** The states a crash during operation {@code op} may recover. */
  public List<S> allowedDuring(int op) {
    return allowedDuring.get(op);
  }

  /**
   * The operation whose log entries contain entry {@code index}, or -1 if it lies between
   * operations.
   */
  public int opAt(int index) {
    int i = opsBefore(index) - 1;
    return i >= 0 && index < ends.get(i) ? i : -1;
  }

  /**
   * How many operations, from the start, a crash right after log entry {@code index} depends on:
   * the one in progress, or every one that had finished.
   */
  public int opsBefore(int index) {
    return countBelow(begins, index);
  }

  /** The committed states a power loss right after log entry {@code index} may recover. */
  public List<S> allowedAfterEntry(int index) {
    int op = opAt(index);
    if (op >= 0) {
      return allowedDuring.get(op);
    }
    int finished = countBelow(ends, index);
    return List.of(finished == 0 ? initial : committedAfter.get(finished - 1));
  }

  /**
   * The states a crash at the end of the run may recover: those during {@code failedOp}, the
   * operation whose failure stopped the run (-1: none), else the last committed state.
   */
  public List<S> allowedAtEnd(int failedOp) {
    if (failedOp >= 0) {
      return allowedDuring.get(failedOp);
    }
    return List.of(committedAfter.isEmpty() ? initial : committedAfter.get(size() - 1));
  }

  /** How many of the ascending positions in {@code marks} lie before {@code index}. */
  private static int countBelow(List<Integer> marks, int index) {
    int lo = 0;
    int hi = marks.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (marks.get(mid) < index) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
