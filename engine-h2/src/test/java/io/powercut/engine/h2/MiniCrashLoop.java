package io.powercut.engine.h2;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
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
 * A crash loop over fault-fs alone, until the checker's file-level campaign lands: runs one
 * workload, cuts the power at every position the log offers, recovers every state a mode allows
 * there and judges it against the model's allowed versions.
 */
final class MiniCrashLoop {
  /** What a loop found: how much it checked, and every violation, one line each. */
  record Result(int positions, int states, List<String> violations) {}

  private MiniCrashLoop() {}

  static Result run(
      H2Subject subject, List<H2Op> ops, PersistenceMode mode, EnumerationOptions options)
      throws IOException {
    CrashFileSystem base = CrashFileSystem.create();
    subject.prepare(base);
    CrashFileSystem fs = CrashFileSystem.of(base.snapshot());
    Model<H2Op, H2State> model = subject.newModel();
    H2State initial = model.committed();
    List<Integer> begins = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    List<List<H2State>> during = new ArrayList<>();
    List<H2State> after = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    try (Engine<H2Op> engine = subject.start(fs)) {
      for (int i = 0; i < ops.size(); i++) {
        H2State before = model.committed();
        begins.add(fs.mark("op " + i + " " + subject.codec().format(ops.get(i))));
        Outcome outcome = engine.apply(ops.get(i));
        ends.add(fs.mark("op " + i + " end"));
        String problem = model.apply(ops.get(i), outcome);
        during.add(model.allowedDuring(before));
        after.add(model.committed());
        if (problem != null) {
          violations.add("live: op " + i + " " + ops.get(i) + ": " + problem);
          break;
        }
      }
    }
    int states = 0;
    int[] positions = fs.log().crashPositions();
    for (int p : positions) {
      List<H2State> allowed = allowedAt(p, initial, begins, ends, during, after);
      FsCrashPoint point = fs.crashPoint(p, mode);
      for (FsCrashState state : FsCrashStateEnumerator.enumerate(point, options).states()) {
        states++;
        String wrong = judge(subject, model, point.materialize(state), allowed);
        if (wrong != null) {
          violations.add(state.toToken() + ": " + wrong);
        }
      }
    }
    return new Result(positions.length, states, violations);
  }

  // Entries [0, p) completed: inside operation i if its first entry did, after the last one whose
  // end mark did.
  private static List<H2State> allowedAt(
      int p,
      H2State initial,
      List<Integer> begins,
      List<Integer> ends,
      List<List<H2State>> during,
      List<H2State> after) {
    for (int i = begins.size() - 1; i >= 0; i--) {
      if (p > ends.get(i)) {
        return List.of(after.get(i));
      }
      if (p > begins.get(i)) {
        return during.get(i);
      }
    }
    return List.of(initial);
  }

  private static String judge(
      H2Subject subject, Model<H2Op, H2State> model, CrashFileSystem fs, List<H2State> allowed)
      throws IOException {
    Recovery<H2State> r = subject.recover(fs);
    if (r.corruption() != null) {
      return "corrupt: " + r.corruption();
    }
    if (!r.problems().isEmpty()) {
      return "problems: " + r.problems();
    }
    String last = null;
    for (H2State a : allowed) {
      last = model.diff(a, r.state());
      if (last == null) {
        return null;
      }
    }
    return last;
  }
}
