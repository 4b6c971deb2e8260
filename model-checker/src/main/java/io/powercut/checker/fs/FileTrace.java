package io.powercut.checker.fs;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OpTimeline;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.Outcome;
import io.powercut.fs.CrashFileSystem;
import io.powercut.fs.FileOpLog;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.FsImage;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload of a {@link FileSubject} run on a {@link CrashFileSystem} that logs every file
 * operation: the operations, their outcomes, the marks around each in the log, and the committed
 * states a crash during or after each may recover (the block level's {@link OpTimeline}). Built
 * once per workload; its crash points serve every state checked.
 */
public final class FileTrace<O, S> {
  private final List<O> ops;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final OpTimeline<S> timeline;
  private final CrashFileSystem fs;
  private String liveViolation;
  private int stoppedAt = -1;

  private FileTrace(List<O> ops, S initial, CrashFileSystem fs) {
    this.ops = ops;
    this.timeline = new OpTimeline<>(initial);
    this.fs = fs;
  }

  /**
   * The initial image of {@code subject}: what its {@link FileSubject#prepare} leaves on a fresh
   * file system, all of it durable.
   */
  public static FsImage prepare(FileSubject<?, ?> subject) throws IOException {
    try (CrashFileSystem fs = CrashFileSystem.create()) {
      subject.prepare(fs);
      return fs.snapshot();
    }
  }

  /**
   * Runs {@code ops} from {@code initial}. The run stops at the first operation whose outcome the
   * model rejects (a live violation) or that failed (an engine that threw is not worth running
   * further).
   */
  public static <O, S> FileTrace<O, S> run(FileSubject<O, S> subject, FsImage initial, List<O> ops)
      throws IOException {
    Model<O, S> model = subject.newModel();
    CrashFileSystem fs = CrashFileSystem.of(initial);
    FileTrace<O, S> t = new FileTrace<>(List.copyOf(ops), model.committed(), fs);
    OperationCodec<O> codec = subject.codec();
    try (fs;
        Engine<O> engine = subject.start(fs)) {
      for (int i = 0; i < ops.size(); i++) {
        O op = ops.get(i);
        S before = model.committed();
        t.timeline.begin(fs.mark("op " + i + " " + codec.format(op)));
        Outcome outcome = engine.apply(op);
        int end = fs.mark("op " + i + " end");
        String problem = model.apply(op, outcome);
        t.outcomes.add(outcome);
        t.timeline.end(end, model.allowedDuring(before), model.committed());
        if (problem != null) {
          t.liveViolation = "op " + i + " (" + codec.format(op) + "): " + problem;
          t.stoppedAt = i;
          break;
        }
        if (outcome.kind() == Outcome.Kind.FAILED) {
          t.stoppedAt = i;
          break;
        }
      }
    }
    // Closing drops the live view; the log and the initial image stay, and crash points need no
    // more.
    return t;
  }

  public List<O> ops() {
    return ops;
  }

  /** Outcomes of the operations that ran (a prefix of {@link #ops()} if the run stopped). */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  public int opsRun() {
    return outcomes.size();
  }

  /** The first outcome the model rejected, or null. */
  public String liveViolation() {
    return liveViolation;
  }

  /** Index of the operation the run stopped at (violation or failure), or -1 if all ran. */
  public int stoppedAt() {
    return stoppedAt;
  }

  /** The log of every file operation of the run, with the marks around each engine operation. */
  public FileOpLog log() {
    return fs.log();
  }

  /** A power loss at {@code position} of the log under {@code mode}. */
  public FsCrashPoint crashPoint(int position, PersistenceMode mode) {
    return fs.crashPoint(position, mode);
  }

  /**
   * The positions worth cutting the power at: the log's {@link FileOpLog#crashPositions()} and its
   * end, where the last operation has returned and its promise holds in full.
   */
  public int[] crashPositions() {
    int[] cuts = log().crashPositions();
    int end = log().size();
    if (cuts[cuts.length - 1] == end) {
      return cuts;
    }
    int[] out = java.util.Arrays.copyOf(cuts, cuts.length + 1);
    out[cuts.length] = end;
    return out;
  }

  /** The engine operation in progress when a crash at {@code position} struck, or -1. */
  public int opAt(int position) {
    return position == 0 ? -1 : timeline.opAt(position - 1);
  }

  /** How many operations, from the start, a crash at {@code position} depends on. */
  public int opsBefore(int position) {
    return position == 0 ? 0 : timeline.opsBefore(position - 1);
  }

  /** The committed states a power loss at {@code position} of the log may recover. */
  public List<S> allowedAt(int position) {
    log().checkPosition(position);
    if (position == log().size()) {
      boolean failed = stoppedAt >= 0 && outcomes.get(stoppedAt).kind() == Outcome.Kind.FAILED;
      return timeline.allowedAtEnd(failed ? stoppedAt : -1);
    }
    return timeline.allowedAfterEntry(position - 1);
  }
}
