package io.powercut.cli;

import io.powercut.checker.fs.FileCampaignResult;
import io.powercut.checker.fs.FileReproducer;
import io.powercut.engine.h2.H2HistoricalBug;
import io.powercut.engine.h2.H2Op;
import io.powercut.property.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bugs --subject h2}: the crash bugs H2 really shipped, each campaign run on the release
 * that had it and on the release that fixed it. A bug is rediscovered when the first finds it and
 * the second does not.
 */
final class HistoricalBugs {
  private HistoricalBugs() {}

  static void list(PrintWriter out) {
    for (H2HistoricalBug b : H2HistoricalBug.values()) {
      out.printf(
          "%s%n  %s%n  had it: %s, fixed in: %s (%s)%n",
          b.id(), b.description(), b.buggyRelease(), b.fixedRelease(), b.report());
    }
  }

  static List<H2HistoricalBug> select(List<String> ids) throws UsageException {
    if (ids.isEmpty()) {
      return List.of(H2HistoricalBug.values());
    }
    List<H2HistoricalBug> out = new ArrayList<>();
    for (String id : ids) {
      out.add(
          Arrays.stream(H2HistoricalBug.values())
              .filter(b -> b.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--only: unknown bug '"
                              + id
                              + "' of h2 (known: "
                              + Arrays.stream(H2HistoricalBug.values())
                                  .map(H2HistoricalBug::id)
                                  .toList()
                              + ")")));
    }
    return out;
  }

  /** Runs each bug's campaign on both releases, prints a row for each; returns the exit code. */
  static int run(
      PrintWriter stdout,
      List<H2HistoricalBug> bugs,
      long seed,
      int threads,
      Path out,
      ReportCommand.Recorder recorder)
      throws IOException {
    stdout.printf(
        "powercut bugs: %d historical bugs of h2, each on the release that had it and the one"
            + " that fixed it, seed %s%n%n",
        bugs.size(), Seeds.format(seed));
    stdout.printf(
        "%-9s %-31s %-6s %9s %14s %10s  %s%n",
        "bug", "subject", "found", "time", "crash states", "repro ops", "reproducer");
    stdout.flush();
    Files.createDirectories(out);
    recorder.start("h2 historical bugs", Seeds.format(seed), "0/1");
    int missed = 0;
    for (H2HistoricalBug bug : bugs) {
      FileCampaignResult<H2Op> had = row(stdout, bug, bug.buggyRelease(), seed, threads, out);
      FileCampaignResult<H2Op> fixed = row(stdout, bug, bug.fixedRelease(), seed, threads, out);
      recorder.write(had.endRecord("bugs"));
      recorder.write(fixed.endRecord("bugs"));
      missed += had.finding().isPresent() && fixed.finding().isEmpty() ? 0 : 1;
    }
    stdout.printf(
        "%n%d of %d rediscovered (found on the release that had it, not on the fixed one)%n",
        bugs.size() - missed, bugs.size());
    recorder.finish(stdout);
    return missed == 0 ? Main.OK : Main.FINDING;
  }

  private static FileCampaignResult<H2Op> row(
      PrintWriter stdout, H2HistoricalBug bug, String release, long seed, int threads, Path out)
      throws IOException {
    FileCampaignResult<H2Op> r = bug.run(release, seed, threads);
    String file = "";
    if (r.reproducer().isPresent()) {
      Path p = out.resolve(bug.id() + "-" + release + ".txt");
      r.reproducer().get().write(p);
      file = p.toString();
    }
    stdout.printf(
        "%-9s %-31s %-6s %8.1fs %,14d %10s  %s%n",
        bug.id(),
        bug.spec(release),
        r.finding().isPresent() ? "yes" : "no",
        r.elapsed().toMillis() / 1000.0,
        r.stats().statesChecked(),
        r.reproducer().map(FileReproducer::ops).map(o -> String.valueOf(o.size())).orElse("-"),
        file);
    stdout.flush();
    return r;
  }
}
