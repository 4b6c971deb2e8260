package io.powercut.checker.fs;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.Finding;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.FsCrashState;
import io.powercut.property.Shrinker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a file-level violation as {@link io.powercut.checker.FindingShrinker} shrinks a block
 * one: delta debugging over the operations (keeping any subsequence that still yields a violation
 * of the same kind and fault class), then over the pending file operations that survived the power
 * loss, so the reproducer names as few survivors as make it fail. Every candidate is re-judged; the
 * result still violates.
 */
public final class FileFindingShrinker<O, S> {
  private final FileCrashSearch<O, S> search;
  private final int budget;

  public FileFindingShrinker(FileCrashSearch<O, S> search, int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("expected a shrink budget >= 1, got " + budget);
    }
    this.search = search;
    this.budget = budget;
  }

  /**
   * The minimized finding of {@code trace}, the run {@code original} was found in; the original if
   * it does not reproduce.
   */
  public FileFinding<O> shrink(FileTrace<O, S> trace, FileFinding<O> original) throws IOException {
    List<O> minimal;
    try {
      List<O> prefix = relevantPrefix(trace, original);
      if (sameKind(original, findAtEnd(prefix))) {
        // The violation shows without a crash: shrink with the cheap check, then confirm below.
        prefix = Shrinker.ddmin(prefix, c -> sameKind(original, findAtEnd(c)), budget);
      }
      minimal = Shrinker.ddmin(prefix, c -> sameKind(original, find(c)), budget);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    FileTrace<O, S> shrunk = search.trace(minimal);
    FileFinding<O> f = search.search(shrunk, new CampaignStats());
    if (f == null) {
      return original;
    }
    return f.kind() == Finding.Kind.CRASH ? fewestSurvivors(shrunk, f) : f;
  }

  /** Operations after the one in progress at the crash (or the live violation) cannot matter. */
  private List<O> relevantPrefix(FileTrace<O, S> trace, FileFinding<O> f) {
    List<O> ops = trace.ops();
    int n = f.crash().map(c -> trace.opsBefore(c.position())).orElse(trace.stoppedAt() + 1);
    n = Math.max(1, Math.min(ops.size(), n));
    List<O> prefix = ops.subList(0, n);
    return n == ops.size() || sameKind(f, find(prefix)) ? prefix : ops;
  }

  private FileFinding<O> findAtEnd(List<O> ops) {
    try {
      return search.searchEnd(search.trace(ops));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FileFinding<O> find(List<O> ops) {
    try {
      return search.search(search.trace(ops), new CampaignStats());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <O> boolean sameKind(FileFinding<O> want, FileFinding<O> got) {
    return got != null && got.kind() == want.kind() && got.fault() == want.fault();
  }

  private FileFinding<O> fewestSurvivors(FileTrace<O, S> trace, FileFinding<O> f) {
    FsCrashState state = f.crashState();
    FsCrashPoint point = trace.crashPoint(state.position(), search.mode());
    List<Integer> survivors = new ArrayList<>();
    for (int op : point.pending()) {
      if (state.covers(op)) {
        survivors.add(op);
      }
    }
    List<Integer> fewest =
        Shrinker.ddmin(
            survivors,
            subset -> {
              FsCrashState s = withSurvivors(state, subset);
              return s != null && violates(trace, s);
            },
            budget);
    FsCrashState minimal = withSurvivors(state, fewest);
    return f.withCrashState(minimal, search.judge(trace, minimal).explanation());
  }

  /** Whether {@code s} violates; a set the mode forbids (ORDERED: not a prefix) does not. */
  private boolean violates(FileTrace<O, S> trace, FsCrashState s) {
    try {
      return search.judge(trace, s).isViolation();
    } catch (IllegalArgumentException notACrashOfThisMode) {
      return false;
    }
  }

  /** The state with only {@code survivors} surviving, or null if a tear needs a dropped write. */
  private static FsCrashState withSurvivors(FsCrashState state, List<Integer> survivors) {
    FsCrashState.Builder b = FsCrashState.at(state.position());
    for (int op : survivors) {
      b.survive(op);
    }
    for (Map.Entry<Integer, BigInteger> t : state.tears().entrySet()) {
      if (!survivors.contains(t.getKey())) {
        return null;
      }
      b.tear(t.getKey(), t.getValue());
    }
    return b.build();
  }
}
