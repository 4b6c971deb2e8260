package io.powercut.cli;

import io.powercut.checker.BugHunt;
import io.powercut.checker.HuntTarget;
import io.powercut.checker.Reproducer;
import io.powercut.checker.thin.ThinHunt;
import io.powercut.checker.thinvolume.VolumeHunt;
import io.powercut.engine.h2.H2Subject;
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
      "Runs a crash-consistency campaign against each seeded bug of a subject in turn and prints"
          + " whether it was detected, how long and how many crash states it took, and the size"
          + " of the shrunk reproducer. dm-thin (the default) hunts the metadata engine's"
          + " crash-ordering, reference-counting and tree bugs; thin-volume hunts the pool"
          + " target's data-path bugs, judged per sector of what the volumes read. h2 hunts the"
          + " crash bugs H2's MVStore really shipped, each on the release that had it and on the"
          + " one that fixed it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every bug was detected (h2: found where it was shipped, not where it was fixed)",
      "1:some bug went undetected within its budget (h2: or was found on the fixed release)",
      "2:usage or environment error"
    })
final class BugsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CampaignOptions campaign;

  @Option(
      names = "--subject",
      description = "whose catalog to hunt: dm-thin, thin-volume or h2 (default: ${DEFAULT-VALUE})")
  String subject = "dm-thin";

  @Option(
      names = "--budget",
      converter = DurationConverter.class,
      description =
          "time allowed per bug before it counts as undetected (default: 10s; h2's campaigns"
              + " have a fixed number of workloads instead)")
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
      long campaignSeed = campaign.seed();
      if (subject.equals(H2Subject.NAME)) {
        return historical(stdout, campaignSeed);
      }
      BugHunt<?, ?> hunt = hunter(campaignSeed);
      HuntTarget<?, ?> target = hunt.target();
      if (list) {
        printCatalog(target, stdout);
        return Main.OK;
      }
      List<SeededBug> bugs = selected(target);
      stdout.printf(
          "powercut bugs: %d seeded bugs of %s, budget %s each, seed %s%n%n",
          bugs.size(), target.name(), budget, Seeds.format(campaignSeed));
      stdout.printf(
          "%-28s %-9s %-6s %9s %14s %10s  %s%n",
          "bug", "detected", "by", "time", "crash states", "repro ops", "reproducer");
      stdout.flush();
      Files.createDirectories(out);
      ReportCommand.Recorder recorder =
          ReportCommand.Recorder.of(campaign.reportDir(), "bugs", spec);
      recorder.start(target.name() + " catalog", Seeds.format(campaignSeed), "0/1");
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

  private int historical(PrintWriter stdout, long seed) throws IOException, UsageException {
    if (list) {
      HistoricalBugs.list(stdout);
      return Main.OK;
    }
    return HistoricalBugs.run(
        stdout,
        HistoricalBugs.select(only),
        seed,
        campaign.threads(),
        out,
        ReportCommand.Recorder.of(campaign.reportDir(), "bugs", spec));
  }

  private BugHunt<?, ?> hunter(long seed) throws UsageException {
    return switch (subject) {
      case "dm-thin" -> ThinHunt.hunter(seed, campaign.threads());
      case "thin-volume" -> VolumeHunt.hunter(seed, campaign.threads());
      default ->
          throw new UsageException(
              "--subject: expected dm-thin, thin-volume or h2, got '" + subject + "'");
    };
  }

  private List<SeededBug> selected(HuntTarget<?, ?> target) throws UsageException {
    if (only.isEmpty()) {
      return target.catalog();
    }
    try {
      return BugCatalog.byIds(target.all(), String.join(",", only));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--only: " + e.getMessage() + " (of " + target.name() + ")");
    }
  }

  private static void printCatalog(HuntTarget<?, ?> target, PrintWriter out) {
    for (SeededBug b : target.all()) {
      out.printf("%s%n  %s%n  mirrors: %s%n", b.id(), b.description(), b.mirrors());
      String why = target.outOfReach().get(b);
      if (why != null) {
        out.printf("  not hunted by crash campaigns: %s%n", why);
      }
    }
    out.flush();
  }
}
