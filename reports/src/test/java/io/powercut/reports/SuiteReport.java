package io.powercut.reports;

import io.powercut.checker.BugHunt;
import io.powercut.checker.CampaignResult;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.FaultClass;
import io.powercut.checker.RunRecorder;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.FuzzFinding;
import io.powercut.checker.results.ProgressListener;
import io.powercut.checker.results.ResultsWriter;
import io.powercut.checker.thin.PoolState;
import io.powercut.checker.thin.ThinHunt;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import io.powercut.fuzz.Campaign;
import io.powercut.fuzz.Corpus;
import io.powercut.fuzz.FuzzOptions;
import io.powercut.fuzz.FuzzTarget;
import io.powercut.fuzz.SeedCorpus;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.property.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The crash report of the test suite, made once per test JVM under {@code
 * reports/target/crash-report/}: a small campaign on the correct engine, a small one with torn,
 * misdirected and rotten writes and IO errors, a tiny seeded-bug catalog and a short fuzz run, each
 * written as a results file and then merged into {@code index.html}.
 */
final class SuiteReport {
  static final long SEED = 1;
  static final int OPS = 30;
  static final int EXPLORE_WORKLOADS = 60;
  static final int FAULT_WORKLOADS = 3;
  static final int FAULT_OPS = 20;

  /** Workloads of the seeded-bug hunt, per bug. */
  static final int BUG_BUDGET = 40;

  static final long FUZZ_CASES = 500;
  static final List<PdataBug> BUGS =
      List.of(
          PdataBug.SUPERBLOCK_BEFORE_FLUSH,
          PdataBug.SUPERBLOCK_NOT_FLUSHED,
          PdataBug.REUSE_FREED_BLOCK);

  /** The command its runs' start records name. */
  private static final String COMMAND = "reports suite";

  static final Path DIR =
      Path.of(System.getProperty("powercut.crashReport", "target/crash-report")).toAbsolutePath();

  private static Path page;

  private SuiteReport() {}

  /** The page, made on first use. */
  static synchronized Path page() throws IOException {
    if (page == null) {
      long t0 = System.nanoTime();
      page = CrashReport.render(List.of(explore(), faults(), bugs(), fuzz()), DIR);
      System.out.printf("crash report made in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, page);
    }
    return page;
  }

  static Path resultsFile(String name) {
    return DIR.resolve("results").resolve(name + ".jsonl");
  }

  private static Path explore() throws IOException {
    return campaign("explore", options(EXPLORE_WORKLOADS), OPS, Map.of("--faults", "drop"));
  }

  private static Path faults() throws IOException {
    ExploreOptions o = options(FAULT_WORKLOADS).withFaults(EnumSet.allOf(FaultClass.class));
    return campaign("faults", o, FAULT_OPS, Map.of("--faults", "torn,misdirect,bitrot,ioerror"));
  }

  private static Path campaign(
      String run, ExploreOptions options, int ops, Map<String, String> flags) throws IOException {
    Path file = resultsFile(run);
    ThinSubject subject = new ThinSubject(1024, 1024, Bugs.NONE);
    try (ResultsWriter w = ResultsWriter.create(file)) {
      RunRecorder rec = new RunRecorder(w, run);
      rec.start(COMMAND, subject.spec(), Seeds.format(SEED), "0/1", options(options, ops, flags));
      CampaignResult<ThinOp> r =
          new Explorer<ThinOp, PoolState>(
                  () -> new ThinSubject(1024, 1024, Bugs.NONE),
                  workloads(ops),
                  options,
                  rec.listener(ProgressListener.NONE))
              .run();
      rec.end(r);
      if (r.reproducer().isPresent()) {
        Path rep = reproducerFile(run);
        r.reproducer().get().write(rep);
        rec.finding(r.reproducer().get(), rep);
      }
    }
    return file;
  }

  /** What {@code ./powercut bugs --only ... --workloads} does: the catalog's hunt, shrunk. */
  private static Path bugs() throws IOException {
    Path file = resultsFile("bugs");
    BugHunt<?, ?> hunt = ThinHunt.hunter(SEED, 2);
    try (ResultsWriter w = ResultsWriter.create(file)) {
      RunRecorder rec = new RunRecorder(w, "bugs");
      rec.start(
          COMMAND,
          "dm-thin catalog",
          Seeds.format(SEED),
          "0/1",
          Map.of("--only", String.join(",", BUGS.stream().map(PdataBug::id).toList())));
      for (PdataBug bug : BUGS) {
        BugHunt.Row row = hunt.hunt(bug, BUG_BUDGET, true);
        Path rep = reproducerFile(bug.id());
        if (row.reproducer().isPresent()) {
          row.reproducer().get().write(rep);
        }
        rec.write(row.toRecord("bugs", rep));
      }
    }
    return file;
  }

  private static Path reproducerFile(String name) throws IOException {
    Path dir = DIR.resolve("reproducers");
    Files.createDirectories(dir);
    return dir.resolve(name + ".txt");
  }

  /** A short fuzz campaign on the engine's readers, seeded like the rest. */
  private static Path fuzz() throws IOException {
    Path file = resultsFile("fuzz");
    String run = "fuzz";
    FuzzOptions o =
        FuzzOptions.of(SEED, Duration.ofMinutes(1), DIR.resolve("fuzz"), FuzzTarget.ENGINE)
            .withCaseLimit(FUZZ_CASES);
    Campaign campaign =
        new Campaign(
            new Corpus(SeedCorpus.builtIn()),
            o,
            new Campaign.Listener() {
              @Override
              public void progress(Campaign.Progress p) {}

              @Override
              public void found(io.powercut.fuzz.ImageFinding f) {}
            });
    Campaign.Progress p;
    try {
      p = campaign.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (ResultsWriter w = ResultsWriter.create(file)) {
      RunRecorder rec = new RunRecorder(w, run);
      rec.start(
          COMMAND,
          "dm-thin readers",
          Seeds.format(SEED),
          "0/1",
          Map.of("--cases", String.valueOf(FUZZ_CASES), "--target", o.target().id()));
      rec.write(campaign.summaryRecord(run, p));
      for (FuzzFinding f : campaign.findingRecords(run)) {
        rec.write(f);
      }
    }
    return file;
  }

  private static WorkloadSource<ThinOp> workloads(int ops) {
    return WorkloadSource.random(new ThinWorkloads(4, 48, 1024), SEED, ops);
  }

  /** Two threads, and progress every second so that the throughput plot has points. */
  private static ExploreOptions options(long workloads) {
    return ExploreOptions.of(SEED, workloads)
        .withThreads(2)
        .withProgressEvery(Duration.ofSeconds(1));
  }

  /** The options a run's start record shows: its flags, workloads and operations. */
  private static Map<String, String> options(ExploreOptions o, int ops, Map<String, String> flags) {
    Map<String, String> options = new TreeMap<>(flags);
    options.put("--workloads", String.valueOf(o.workloadLimit().getAsLong()));
    options.put("--ops", String.valueOf(ops));
    return options;
  }
}
