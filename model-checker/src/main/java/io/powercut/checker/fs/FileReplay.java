package io.powercut.checker.fs;

import io.powercut.checker.FaultClass;
import io.powercut.checker.Finding;
import io.powercut.checker.Judgement;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.Replay;
import io.powercut.checker.SearchOptions;
import io.powercut.fs.FileOp;
import io.powercut.fs.FsCrashPoint;
import io.powercut.fs.FsCrashState;
import java.io.IOException;
import java.util.List;

/**
 * Re-runs a {@link FileReproducer} and explains it, as {@link Replay} does for block subjects: the
 * operations and their outcomes, the file operations from the first pending one to the crash (each
 * pending one marked SURVIVED or lost, durable mutations marked so), and what recovery found
 * compared with what was committed. The text is the same byte for byte on every run.
 */
public final class FileReplay {
  private FileReplay() {}

  public static <O, S> Replay.Result run(FileSubject<O, S> subject, FileReproducer r)
      throws IOException {
    OperationCodec<O> codec = subject.codec();
    FileFinding<O> finding = r.finding(codec);
    FileCrashSearch<O, S> search =
        new FileCrashSearch<>(subject, SearchOptions.defaults(0), r.mode());
    List<O> ops = finding.ops();
    FileTrace<O, S> trace = search.trace(ops);
    StringBuilder out = new StringBuilder();
    out.append("subject: ").append(subject.spec()).append('\n');
    out.append("persistence mode: ").append(FileReproducer.modeId(r.mode())).append('\n');
    out.append("operations:\n");
    for (int i = 0; i < ops.size(); i++) {
      String outcome = i < trace.opsRun() ? trace.outcomes().get(i).toString() : "not run";
      out.append(String.format("  %3d  %-32s -> %s%n", i, codec.format(ops.get(i)), outcome));
    }
    if (finding.kind() == Finding.Kind.LIVE) {
      boolean v = trace.liveViolation() != null;
      out.append("verdict: ")
          .append(v ? "VIOLATION: " + trace.liveViolation() : "no violation")
          .append('\n');
      return new Replay.Result(v, out.toString());
    }
    FsCrashState state = finding.crashState();
    if (state.position() > trace.log().size()) {
      throw new IOException(
          "expected a crash position within the run's file log of "
              + trace.log().size()
              + " entries, got "
              + state.position()
              + ": the reproducer does not match this engine");
    }
    Judgement j;
    try {
      j = search.judge(trace, state);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "the crash state does not fit this run's file log ("
              + e.getMessage()
              + "): the engine no longer does the file operations the reproducer was recorded with",
          e);
    }
    describeCrash(out, trace.crashPoint(state.position(), r.mode()), state);
    out.append("fault class: ").append(FaultClass.of(state).id()).append('\n');
    out.append("verdict: ").append(j.verdict());
    if (!j.explanation().isEmpty()) {
      out.append(": ").append(j.explanation());
    }
    out.append('\n');
    return new Replay.Result(j.isViolation(), out.toString());
  }

  /** The log from the first pending operation to the crash, each mutation's fate marked. */
  private static void describeCrash(StringBuilder out, FsCrashPoint point, FsCrashState state) {
    int[] pending = point.pending();
    out.append("power lost at file log position ")
        .append(point.position())
        .append(" (")
        .append(pending.length)
        .append(" pending operations)\n");
    out.append("crash state: ").append(state.toToken()).append('\n');
    int from = pending.length == 0 ? point.position() : pending[0];
    // Back to the mark that names the operation the first pending one belongs to.
    while (from > 0 && point.log().get(from - 1) instanceof FileOp.Mark) {
      from--;
    }
    for (int i = from; i < point.position(); i++) {
      String tag = "";
      if (point.isPending(i)) {
        tag = state.covers(i) ? "  SURVIVED" : "  lost";
        if (state.tears().containsKey(i)) {
          tag += " (torn, sectors " + state.tears().get(i).toString(16) + ")";
        }
      } else if (point.isDurable(i)) {
        tag = "  durable";
      }
      out.append("  ").append(point.log().describe(i)).append(tag).append('\n');
    }
  }
}
