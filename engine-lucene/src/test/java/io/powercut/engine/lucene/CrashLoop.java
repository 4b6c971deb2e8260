package io.powercut.engine.lucene;

import io.powercut.checker.Recovery;
import io.powercut.device.EnumerationOptions;
import io.powercut.fs.CrashFileSystem;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.FsCrashStateEnumerator;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The campaign in miniature, on fault-fs directly: a power cut at every crash position of a run,
 * every state the mode allows there (bounded by the options), each recovered and compared with the
 * states the model allows at that position. A failure that {@link StaleCommit} explains (the known
 * finding) is counted apart from the violations.
 */
final class CrashLoop {
  /** What one loop found. */
  record Result(
      int positions,
      long states,
      boolean exhaustive,
      List<Violation> violations,
      long staleCommits) {}

  /** A recovered state the model does not allow. */
  record Violation(int position, FsCrashState state, String op, String what) {
    @Override
    public String toString() {
      return "crash at "
          + position
          + " during '"
          + op
          + "', state "
          + state.toToken()
          + ": "
          + what;
    }
  }

  private CrashLoop() {}

  static Result run(WorkloadRun run, PersistenceMode mode, EnumerationOptions options)
      throws IOException {
    List<Violation> violations = new ArrayList<>();
    int[] positions = run.fs.log().crashPositions();
    long states = 0;
    long staleCommits = 0;
    boolean exhaustive = true;
    for (int p : positions) {
      FsCrashPoint point = run.fs.crashPoint(p, mode);
      FsCrashStateEnumerator.Result r = FsCrashStateEnumerator.enumerate(point, options);
      exhaustive &= r.exhaustive();
      for (FsCrashState state : r.states()) {
        states++;
        String wrong = judge(run, p, point.materialize(state));
        if (wrong != null && StaleCommit.explains(point.materialize(state), run.allowedAt(p))) {
          staleCommits++;
        } else if (wrong != null) {
          violations.add(new Violation(p, state, opName(run, p), wrong));
        }
      }
    }
    return new Result(positions.length, states, exhaustive, violations, staleCommits);
  }

  // Null if the recovery shows a state allowed at position p, else what is wrong.
  private static String judge(WorkloadRun run, int p, CrashFileSystem crashed) throws IOException {
    Recovery<LuceneState> rec = run.subject.recover(crashed);
    List<LuceneState> allowed = run.allowedAt(p);
    if (!rec.clean()) {
      return "expected one of "
          + allowed
          + ", got corruption: "
          + rec.corruption()
          + rec.problems();
    }
    return allowed.contains(rec.state())
        ? null
        : "expected one of " + allowed + ", got " + rec.state();
  }

  private static String opName(WorkloadRun run, int p) {
    int op = run.opAt(p);
    return op < 0 ? "prepare" : op + " " + run.subject.codec().format(run.ops.get(op));
  }
}
