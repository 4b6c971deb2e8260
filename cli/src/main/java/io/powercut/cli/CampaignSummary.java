package io.powercut.cli;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.Coverage;
import io.powercut.checker.FaultClass;
import io.powercut.checker.OperationKind;
import io.powercut.checker.Verdict;
import io.powercut.checker.results.CoverageRow;
import io.powercut.checker.results.StatsRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** What explore prints of a campaign, block or file level: progress lines and the summary. */
final class CampaignSummary {
  private CampaignSummary() {}

  /** The progress line explore prints to stderr. */
  static void progress(PrintWriter err, StatsRecord s, Duration elapsed) {
    double secs = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    err.printf(
        "[%5.0fs] workloads %,d  crash states %,d (%,.0f/s)  violations %d%n",
        secs, s.workloads(), s.statesChecked(), s.statesChecked() / secs, s.violations());
    err.flush();
  }

  /**
   * The summary: counts, states recovered apart from states merged, verdicts per fault class, and
   * the coverage table of {@code kinds}.
   */
  static void print(
      PrintWriter out, CampaignStats s, Duration elapsed, List<? extends OperationKind> kinds) {
    out.println();
    out.printf("%-34s %,d%n", "workloads", s.workloads);
    out.printf("%-34s %,d%n", "operations", s.operations);
    out.printf(
        "%-34s %,d (%,d exhaustive, %,d sampled)%n",
        "crash points", s.crashPoints, s.exhaustivePoints, s.sampledPoints);
    out.printf("%-34s %,d%n", "distinct crash states", s.crashStates);
    out.printf("%-34s %,d%n", "  recovered and judged", s.statesRecovered);
    out.printf("%-34s %,d%n", "  merged (recovery provably same)", s.statesMerged);
    out.printf("%-34s %,d%n", "duplicate images skipped", s.duplicatesSkipped);
    if (s.statesWithLeaks > 0) {
      out.printf(
          "%-34s %,d states, %,d blocks%n",
          "leaked blocks (allowed)", s.statesWithLeaks, s.leakedBlocks);
    }
    double secs = elapsed.toNanos() / 1e9;
    out.printf(
        "%-34s %,.0f%n", "crash states per second", secs <= 0 ? 0 : s.statesChecked() / secs);
    out.printf(
        "%-34s %,.0f%n",
        "  recovered and judged per second", secs <= 0 ? 0 : s.statesRecovered / secs);
    if (s.secondOpinions > 0) {
      out.printf(
          "%-34s %,d (%d disagreements)%n",
          "thin_check second opinions", s.secondOpinions, s.secondOpinionDisagreements);
    }
    out.printf("%-34s %s%n", "elapsed", format(elapsed));
    out.println();
    out.printf(
        "%-10s %12s %12s %12s %12s %12s%n",
        "fault", "checked", "ok", "masked", "detected", "violations");
    for (FaultClass f : FaultClass.values()) {
      long total = 0;
      for (Verdict v : Verdict.values()) {
        total += s.count(f, v);
      }
      if (total > 0) {
        out.printf(
            "%-10s %,12d %,12d %,12d %,12d %,12d%n",
            f.id(),
            total,
            s.count(f, Verdict.OK),
            s.count(f, Verdict.MASKED),
            s.count(f, Verdict.DETECTED),
            s.count(f, Verdict.VIOLATION));
      }
    }
    out.println();
    coverage(out, kinds, s.coverage);
  }

  /** The coverage table: every operation of the API, how it ended, the crash points inside it. */
  static void coverage(PrintWriter out, List<? extends OperationKind> kinds, Coverage c) {
    if (kinds.isEmpty()) {
      return; // the subject names no operation kinds
    }
    out.printf(
        "%-24s %12s %12s %12s %12s %14s%n",
        "operation", "ran", "ok", "refused", "failed", "crash points");
    for (OperationKind k : kinds) {
      CoverageRow r = c.row(k);
      out.printf(
          "%-24s %,12d %,12d %,12d %,12d %,14d%n",
          k.id(), r.ran(), r.ok(), r.refused(), r.failed(), r.crashPoints());
    }
    out.println();
  }

  private static String format(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? String.format("%.2fs", ms / 1000.0) : String.format("%ds", ms / 1000);
  }
}
