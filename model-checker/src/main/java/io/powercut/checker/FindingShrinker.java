package io.powercut.checker;

import io.powercut.device.CrashState;
import io.powercut.device.GroupCrashPoint;
import io.powercut.property.Shrinker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a violation to a minimal reproducer: first the workload (delta debugging over the
 * operations, keeping any subsequence that still yields a violation of the same kind), then the
 * crash state (delta debugging over the writes that survived the power loss).
 */
public final class FindingShrinker<O, S> {
  private final Subject<O, S> subject;
  private final CrashSearch<O, S> search;
  private final int budget;

  public FindingShrinker(Subject<O, S> subject, CrashSearch<O, S> search, int budget) {
    this.subject = subject;
    this.search = search;
    this.budget = budget;
  }

  /**
   * The minimized finding of {@code trace}, the run {@code original} was found in; the original if
   * it does not reproduce.
   */
  public Finding<O> shrink(Trace<O, S> trace, Finding<O> original) throws IOException {
    IoErrorPlan faults = trace.ioFault();
    List<O> minimal;
    try {
      List<O> prefix = relevantPrefix(trace, original);
      if (sameKind(original, findAtEnd(prefix, faults))) {
        // The violation shows without a crash: shrink with the cheap check, then confirm below.
        prefix =
            Shrinker.ddmin(
                prefix, candidate -> sameKind(original, findAtEnd(candidate, faults)), budget);
      }
      minimal =
          Shrinker.ddmin(prefix, candidate -> sameKind(original, find(candidate, faults)), budget);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Trace<O, S> shrunk = Trace.run(subject, minimal, faults);
    Finding<O> f = search.search(shrunk, new CampaignStats());
    if (f == null) {
      return original;
    }
    return f.kind() == Finding.Kind.CRASH ? fewestSurvivors(shrunk, f) : f;
  }

  /**
   * Operations after the violation cannot matter: a live violation ends at its operation, a crash
   * at the operation in progress when the power went. Cutting them first saves ddmin most of its
   * work on long workloads.
   */
  private List<O> relevantPrefix(Trace<O, S> trace, Finding<O> f) {
    List<O> ops = trace.ops();
    int n = f.crash().map(c -> trace.opsBefore(c.position() - 1)).orElse(trace.stoppedAt() + 1);
    n = Math.max(1, Math.min(ops.size(), n));
    List<O> prefix = ops.subList(0, n);
    return n == ops.size() || sameKind(f, find(prefix, trace.ioFault())) ? prefix : ops;
  }

  private Finding<O> findAtEnd(List<O> ops, IoErrorPlan faults) {
    try {
      return search.searchEnd(Trace.run(subject, ops, faults));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Finding<O> find(List<O> ops, IoErrorPlan faults) {
    try {
      return search.search(Trace.run(subject, ops, faults), new CampaignStats());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <O> boolean sameKind(Finding<O> want, Finding<O> got) {
    return got != null && got.kind() == want.kind() && got.fault() == want.fault();
  }

  private Finding<O> fewestSurvivors(Trace<O, S> trace, Finding<O> f) {
    CrashState state = f.crashState();
    GroupCrashPoint point = trace.group().crashPoint(state.position());
    List<Integer> survivors = new ArrayList<>();
    for (int w : point.unflushedWrites()) {
      if (state.covers(w)) {
        survivors.add(w);
      }
    }
    List<Integer> fewest =
        Shrinker.ddmin(
            survivors,
            subset -> {
              CrashState s = withSurvivors(state, subset, point.deviceCount());
              return s != null && search.judge(trace, s).isViolation();
            },
            budget);
    CrashState minimal = withSurvivors(state, fewest, point.deviceCount());
    return f.withCrashState(minimal, search.judge(trace, minimal).explanation());
  }

  /** The state with only {@code survivors} surviving, or null if a fault needs a dropped write. */
  private static CrashState withSurvivors(CrashState state, List<Integer> survivors, int devices) {
    CrashState.Builder b = CrashState.at(state.position());
    for (int w : survivors) {
      b.survive(w);
    }
    for (Map.Entry<Integer, Long> t : state.tears().entrySet()) {
      if (!survivors.contains(t.getKey())) {
        return null;
      }
      b.tear(t.getKey(), t.getValue());
    }
    for (Map.Entry<Integer, Long> m : state.misdirects().entrySet()) {
      if (!survivors.contains(m.getKey())) {
        return null;
      }
      b.misdirect(m.getKey(), m.getValue());
    }
    for (int d = 0; d < devices; d++) {
      for (Map.Entry<Long, List<Integer>> r : state.bitRot(d).entrySet()) {
        for (int bit : r.getValue()) {
          b.rot(d, r.getKey(), bit);
        }
      }
    }
    return b.build();
  }
}
