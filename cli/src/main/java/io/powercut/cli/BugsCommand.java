package io.powercut.cli;

import io.powercut.checker.Reproducer;
import io.powercut.checker.thin.BugHunt;
import io.powercut.pdata.SeededBug;
import io.powercut.property.Seeds;
import io.powercut.thin.BugCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code powercut bugs}: how well the checker catches the seeded-bug catalog. */
@Command(
    name = "bugs",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a crash-consistency campaign against each seeded bug of the reference engine in turn"
          + " (crash-ordering, reference-counting and tree bugs modelled on real dm-thin defects)"
          + " and prints whether it was detected, how long and how many crash states it took,"
          + " and the size of the shrunk reproducer."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every bug was detected",
      "1:some bug went undetected within its budget",
      "2:usage or environment error"
    })
final class BugsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CampaignOptions campaign;

  @Option(
      names = "--budget",
      converter = DurationConverter.class,
      description = "time allowed per bug before it counts as undetected (default: 10s)")
  Duration budget = Duration.ofSeconds(10);

  @Option(names = "--only", split = ",", description = "hunt only these bugs")
  List<String> only = new ArrayList<>();

  @Option(names = "--list", description = "list the catalog with what each bug mirrors, and stop")
  boolean list;

  @Option(names = "--no-shrink", description = "do not shrink reproducers (faster)")
  boolean noShrink;

  @Option(
      names = "--out",
      description = "where reproducers are written (default: ${DEFAULT-VALUE})")
  Path out = Path.of("powercut-out", "bugs");

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      if (list) {
        printCatalog(stdout);
        return Main.OK;
      }
      long campaignSeed = campaign.seed();
      List<SeededBug> bugs = selected();
      BugHunt hunt = new BugHunt(campaignSeed, campaign.threads());
      stdout.printf(
          "powercut bugs: %d seeded bugs, budget %s each, seed %s%n%n",
          bugs.size(), budget, Seeds.format(campaignSeed));
      stdout.printf(
          "%-28s %-9s %-6s %9s %14s %10s  %s%n",
          "bug", "detected", "by", "time", "crash states", "repro ops", "reproducer");
      stdout.flush();
      Files.createDirectories(out);
      ReportCommand.Recorder recorder =
          ReportCommand.Recorder.of(campaign.reportDir(), "bugs", spec);
      recorder.start("dm-thin catalog", Seeds.format(campaignSeed), "0/1");
      int missed = 0;
      for (SeededBug bug : bugs) {
        BugHunt.Row row = hunt.hunt(bug, budget, !noShrink);
        Path p = out.resolve(bug.id() + ".txt");
        String file = "";
        if (row.reproducer().isPresent()) {
          row.reproducer().get().write(p);
          file = p.toString();
        } else {
          missed++;
        }
        recorder.write(row.toRecord("bugs", p));
        stdout.printf(
            "%-28s %-9s %-6s %8.1fs %,14d %10s  %s%n",
            bug.id(),
            row.detected() ? "yes" : "NO",
            row.reproducer().map(r -> r.finding().kind().id()).orElse("-"),
            row.timeToDetection().toMillis() / 1000.0,
            row.statesToDetection(),
            row.reproducer().map(Reproducer::ops).map(o -> String.valueOf(o.size())).orElse("-"),
            file);
        stdout.flush();
      }
      stdout.printf(
          "%n%d of %d detected%s%n",
          bugs.size() - missed,
          bugs.size(),
          missed == 0 ? "" : "; replay a reproducer with ./powercut replay FILE");
      recorder.finish(stdout);
      return missed == 0 ? Main.OK : Main.FINDING;
    } catch (IOException | RuntimeException e) {
      return debug.report(spec, e);
    }
  }

  private List<SeededBug> selected() throws UsageException {
    if (only.isEmpty()) {
      return BugHunt.catalog();
    }
    try {
      return BugCatalog.byIds(String.join(",", only));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--only: " + e.getMessage());
    }
  }

  private static void printCatalog(PrintWriter out) {
    for (SeededBug b : BugCatalog.ALL) {
      out.printf("%s%n  %s%n  mirrors: %s%n", b.id(), b.description(), b.mirrors());
      String why = BugHunt.OUT_OF_REACH.get(b);
      if (why != null) {
        out.printf("  not hunted by crash campaigns: %s%n", why);
      }
    }
    out.flush();
  }
}
