package io.powercut.engine.lucene;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
import io.powercut.fs.CrashFileSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload of the subject on a crash file system holding the prepared image, every operation
 * judged by the model and bracketed by a log mark; what a crash at each log position may recover.
 */
final class WorkloadRun {
  final LuceneSubject subject = new LuceneSubject();
  final CrashFileSystem fs;
  final List<LuceneOp> ops;
  private final int[] begins;
  private final List<List<LuceneState>> during = new ArrayList<>();
  private final LuceneState committed;

  private WorkloadRun(List<LuceneOp> ops) throws IOException {
    this.ops = List.copyOf(ops);
    CrashFileSystem prepared = CrashFileSystem.create();
    subject.prepare(prepared);
    fs = CrashFileSystem.of(prepared.snapshot());
    begins = new int[ops.size()];
    Model<LuceneOp, LuceneState> model = subject.newModel();
    try (Engine<LuceneOp> engine = subject.start(fs)) {
      for (int i = 0; i < ops.size(); i++) {
        LuceneOp op = ops.get(i);
        begins[i] = fs.mark("op " + i + " " + subject.codec().format(op));
        LuceneState before = model.committed();
        Outcome outcome = engine.apply(op);
        assertNull(model.apply(op, outcome), "op " + i + " of " + ops);
        during.add(model.allowedDuring(before));
      }
    }
    fs.mark("end");
    committed = model.committed();
  }

  static WorkloadRun of(List<LuceneOp> ops) throws IOException {
    return new WorkloadRun(ops);
  }

  /** The committed state after the last operation. */
  LuceneState committed() {
    return committed;
  }

  /** The index of the operation in flight at {@code position}, or -1 before the first. */
  int opAt(int position) {
    int op = -1;
    for (int i = 0; i < begins.length && begins[i] < position; i++) {
      op = i;
    }
    return op;
  }

  /**
   * The states a crash at {@code position} may recover: those of the operation whose mark it
   * follows (the states before and after it; a crash after its last file operation still counts as
   * inside it, since returning is no file operation), or the initial empty commit.
   */
  List<LuceneState> allowedAt(int position) {
    int op = opAt(position);
    return op < 0 ? List.of(LuceneState.EMPTY) : during.get(op);
  }
}
