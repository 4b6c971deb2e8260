package io.powercut.thin.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems up to a cap, counting (but not keeping) the rest, so a badly damaged image
 * cannot exhaust memory through its report. While muted it drops problems: the metadata snapshot's
 * trees are walked for their references even when their problems are not wanted.
 */
final class ProblemLog {
  private final int cap;
  private final List<Problem> kept = new ArrayList<>();
  private long omitted;
  private boolean fatal;
  private boolean muted;
  private long mutedFatal;
  private Problem firstMutedFatal;

  ProblemLog(int cap) {
    this.cap = cap;
  }

  void report(Severity severity, long block, Rule rule, String message, String path) {
    if (muted) {
      if (severity == Severity.FATAL && mutedFatal++ == 0) {
        firstMutedFatal = new Problem(severity, block, rule, message, path);
      }
      return;
    }
    if (severity == Severity.FATAL) {
      fatal = true;
    }
    if (kept.size() < cap) {
      kept.add(new Problem(severity, block, rule, message, path));
    } else {
      omitted++;
    }
  }

  /** Whether a new problem would be kept; hot loops check this before building a message. */
  boolean keeping() {
    return !muted && kept.size() < cap;
  }

  /** Counts a problem without building it, when {@link #keeping()} is false. */
  void skip(Severity severity) {
    if (muted) {
      mutedFatal += severity == Severity.FATAL ? 1 : 0;
      return;
    }
    if (severity == Severity.FATAL) {
      fatal = true;
    }
    omitted++;
  }

  void fatal(long block, Rule rule, String message, String path) {
    report(Severity.FATAL, block, rule, message, path);
  }

  void nonFatal(long block, Rule rule, String message, String path) {
    report(Severity.NON_FATAL, block, rule, message, path);
  }

  static String expected(Object expected, Object got) {
    return "expected " + expected + ", got " + got;
  }

  /** Starts or stops dropping problems; starting forgets what an earlier muting dropped. */
  void mute(boolean m) {
    if (m) {
      mutedFatal = 0;
      firstMutedFatal = null;
    }
    muted = m;
  }

  /** Fatal problems dropped while muted. */
  long mutedFatal() {
    return mutedFatal;
  }

  /** The first of them, if it was built. */
  Problem firstMutedFatal() {
    return firstMutedFatal;
  }

  List<Problem> problems() {
    return List.copyOf(kept);
  }

  long omitted() {
    return omitted;
  }

  boolean hasFatal() {
    return fatal;
  }
}
