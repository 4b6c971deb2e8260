package io.powercut.checker;

import io.powercut.device.CrashPoint;
import io.powercut.device.CrashState;
import io.powercut.device.GroupCrashPoint;
import io.powercut.device.IoLog;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Re-runs a {@link Reproducer} and explains it: the operations and their outcomes, the IO that was
 * still unflushed when the power went (which writes survived), and what recovery found compared
 * with what was committed. The text is the same byte for byte on every run.
 */
public final class Replay {
  private Replay() {}

  /** What a replay found: the verdict now, and the explanation. */
  public record Result(boolean violation, String report) {}

  public static <O, S> Result run(Subject<O, S> subject, Reproducer r) throws IOException {
    OperationCodec<O> codec = subject.codec();
    Finding<O> finding = r.finding(codec);
    List<O> ops = finding.ops();
    Trace<O, S> trace = Trace.run(subject, ops, finding.ioFault());
    StringBuilder out = new StringBuilder();
    out.append("subject: ").append(subject.spec()).append('\n');
    out.append("injected io error: ").append(r.ioFault()).append('\n');
    out.append("operations:\n");
    for (int i = 0; i < ops.size(); i++) {
      String outcome = i < trace.outcomes().size() ? trace.outcomes().get(i).toString() : "not run";
      out.append(String.format("  %3d  %-32s -> %s%n", i, codec.format(ops.get(i)), outcome));
    }
    if (finding.kind() == Finding.Kind.LIVE) {
      boolean v = trace.liveViolation() != null;
      out.append("verdict: ")
          .append(v ? "VIOLATION: " + trace.liveViolation() : "no violation")
          .append('\n');
      return new Result(v, out.toString());
    }
    CrashState state = finding.crashState();
    if (state.position() > trace.log().size()) {
      throw new IOException(
          "crash position "
              + state.position()
              + " is beyond the run's IO log ("
              + trace.log().size()
              + " entries): the reproducer does not match this engine");
    }
    Judgement j;
    try {
      j = new CrashSearch<>(subject, SearchOptions.defaults(0)).judge(trace, state);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "the crash state does not fit this run's IO log ("
              + e.getMessage()
              + "): the engine no longer does the IO the reproducer was recorded with",
          e);
    }
    describeCrash(out, trace.group().crashPoint(state.position()), state);
    out.append("fault class: ").append(FaultClass.of(state).id()).append('\n');
    out.append("verdict: ").append(j.verdict());
    if (!j.explanation().isEmpty()) {
      out.append(": ").append(j.explanation());
    }
    out.append('\n');
    return new Result(j.isViolation(), out.toString());
  }

  /**
   * The log from the last flush to the crash, each unflushed write marked survived or lost; with
   * several devices, first each device's share of the cut (its last flush and unflushed writes),
   * the log from the earliest of their last flushes.
   */
  private static void describeCrash(StringBuilder out, GroupCrashPoint point, CrashState state) {
    IoLog log = point.log();
    out.append("power lost at IO log position ")
        .append(point.position())
        .append(" (")
        .append(point.unflushedCount())
        .append(" unflushed writes)\n");
    out.append("crash state: ").append(state.toToken()).append('\n');
    int from = Integer.MAX_VALUE;
    for (int d = 0; d < point.deviceCount(); d++) {
      CrashPoint share = point.member(d);
      from = Math.min(from, Math.max(0, share.lastFlush()));
      if (point.deviceCount() > 1) {
        out.append("  device ")
            .append(d)
            .append(": ")
            .append(share.unflushedCount())
            .append(" unflushed writes, ")
            .append(share.lastFlush() < 0 ? "never flushed" : "last flush " + share.lastFlush())
            .append('\n');
      }
    }
    int[] unflushed = point.unflushedWrites();
    for (int i = from; i < point.position(); i++) {
      String tag = "";
      if (Arrays.binarySearch(unflushed, i) >= 0) {
        tag = state.covers(i) ? "  SURVIVED" : "  lost";
        if (state.tears().containsKey(i)) {
          tag += " (torn, sectors " + Long.toHexString(state.tears().get(i)) + ")";
        }
        if (state.misdirects().containsKey(i)) {
          tag += " (landed on block " + state.misdirects().get(i) + ")";
        }
      }
      out.append(String.format("  %5d  %s%s%n", i, log.describe(i), tag));
    }
    for (int d = 0; d < point.deviceCount(); d++) {
      if (!state.bitRot(d).isEmpty()) {
        String where = point.deviceCount() == 1 ? "" : " on device " + d;
        out.append("  bit rot").append(where).append(": ").append(state.bitRot(d)).append('\n');
      }
    }
  }
}
