package io.powercut.checker.fs;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.CrashOracle;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Judgement;
import io.powercut.checker.Model;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.Verdict;
import io.powercut.fs.CrashFileSystem;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.FsCrashStateEnumerator;
import io.powercut.fs.FsImage;
import io.powercut.fs.PersistenceMode;
import io.powercut.property.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts the power at every crash position of a {@link FileTrace} and judges every state the {@link
 * FsCrashStateEnumerator} lists there under one {@link PersistenceMode}: each state is materialized
 * as a fresh file system, the subject recovers from it, and {@link CrashOracle}'s rule judges what
 * it read back (a crash inside operation i may recover the states the model allows during it;
 * between operations, the state after the last finished one; reported corruption is a violation
 * after a plain power loss and detected after a torn write).
 *
 * <p>States are deduplicated by image (the enumerator checks each distinct {@link FsImage} once);
 * the block level's merging by blocks read is not done here, so {@link SearchOptions#merge()} has
 * no effect, and there is no second judge. Every trace starts from an initial image prepared for
 * it: engines stamp files with the wall clock (MVStore's chunk ages decide which space it reuses),
 * so an image prepared once would age with the campaign and make a workload's run depend on how
 * long the campaign had been going, which no reproducer could replay.
 */
public final class FileCrashSearch<O, S> {
  private final FileSubject<O, S> subject;
  private final SearchOptions options;
  private final PersistenceMode mode;
  private final Model<O, S> comparer;

  /** A search of {@code subject}'s runs. */
  public FileCrashSearch(FileSubject<O, S> subject, SearchOptions options, PersistenceMode mode) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.options = Objects.requireNonNull(options, "options");
    this.mode = Objects.requireNonNull(mode, "mode");
    if (options.enumeration().misdirect() || options.enumeration().bitRot()) {
      throw new IllegalArgumentException(
          "expected file-level faults (drop, torn), got misdirect "
              + options.enumeration().misdirect()
              + " and bit rot "
              + options.enumeration().bitRot());
    }
    if (options.secondOpinionEvery() > 0) {
      throw new IllegalArgumentException(
          "expected no second opinion at the file level, got every "
              + options.secondOpinionEvery());
    }
    this.comparer = subject.newModel();
  }

  public FileSubject<O, S> subject() {
    return subject;
  }

  public SearchOptions options() {
    return options;
  }

  public PersistenceMode mode() {
    return mode;
  }

  /** Runs {@code ops} from a freshly prepared initial image. */
  public FileTrace<O, S> trace(List<O> ops) throws IOException {
    return FileTrace.run(subject, FileTrace.prepare(subject), ops);
  }

  /** Checks every crash position of the trace; returns the first violation, or null. */
  public FileFinding<O> search(FileTrace<O, S> trace, CampaignStats stats) {
    if (trace.liveViolation() != null) {
      stats.violations++;
      return FileFinding.live(trace.ops(), mode, trace.liveViolation());
    }
    long opsHash = opsHash(trace.ops());
    for (int p : trace.crashPositions()) {
      int op = trace.opAt(p);
      if (op >= 0) {
        stats.coverage.crashPoint(subject.kindOf(trace.ops().get(op)));
      }
      FileFinding<O> f = searchPoint(trace, p, opsHash, stats);
      if (f != null) {
        stats.violations++;
        return f;
      }
    }
    return null;
  }

  /**
   * The cheap check: only the end of the run, with every pending operation landed (a clean stop).
   * Shrinking tries it first.
   */
  public FileFinding<O> searchEnd(FileTrace<O, S> trace) {
    if (trace.liveViolation() != null) {
      return FileFinding.live(trace.ops(), mode, trace.liveViolation());
    }
    FsCrashState all = trace.crashPoint(trace.log().size(), mode).allSurvive();
    Judgement j = judge(trace, all);
    return j.isViolation() ? FileFinding.crash(trace.ops(), mode, all, j.explanation()) : null;
  }

  /**
   * Judges one crash state of a trace. Throws {@link IllegalArgumentException} if the state does
   * not fit the trace's log under this mode.
   */
  public Judgement judge(FileTrace<O, S> trace, FsCrashState state) {
    int p = state.position();
    return judge(trace.crashPoint(p, mode), state, trace.allowedAt(p));
  }

  private Judgement judge(FsCrashPoint point, FsCrashState state, List<S> allowed) {
    // Materialized first: a state that does not fit the point is the caller's error, not the
    // engine's.
    CrashFileSystem fs = point.materialize(state);
    return CrashOracle.judge(
        comparer,
        () -> {
          try (fs) {
            return subject.recover(fs);
          }
        },
        allowed,
        FaultClass.of(state));
  }

  private FileFinding<O> searchPoint(
      FileTrace<O, S> trace, int p, long opsHash, CampaignStats stats) {
    FsCrashPoint point = trace.crashPoint(p, mode);
    List<S> allowed = trace.allowedAt(p);
    FsCrashStateEnumerator.Result r =
        FsCrashStateEnumerator.enumerate(point, options.enumeration());
    stats.crashPoints++;
    if (r.exhaustive()) {
      stats.exhaustivePoints++;
    } else {
      stats.sampledPoints++;
    }
    stats.crashStates += r.states().size();
    stats.duplicatesSkipped += r.duplicatesSkipped();
    stats.unflushedHistogram.merge(r.pendingOperations(), 1L, Long::sum);
    for (FsCrashState st : r.states()) {
      Judgement j = judge(point, st, allowed);
      stats.statesRecovered++;
      FaultClass fault = FaultClass.of(st);
      stats.record(fault, j.verdict());
      stats.stateDigest += fingerprint(opsHash, p, st, j.verdict());
      if (j.isViolation()) {
        return FileFinding.crash(trace.ops(), mode, st, j.explanation());
      }
    }
    return null;
  }

  private long fingerprint(long opsHash, int position, FsCrashState st, Verdict v) {
    long h = Seeds.derive(opsHash, position);
    h = Seeds.derive(h, st.hashCode());
    h = Seeds.derive(h, mode.ordinal());
    return Seeds.derive(h, v.ordinal());
  }

  /** The workload's hash for the state digest: of the codec text, the same in every process. */
  private long opsHash(List<O> ops) {
    List<String> text = new ArrayList<>(ops.size());
    for (O op : ops) {
      text.add(subject.codec().format(op));
    }
    return text.hashCode();
  }
}
