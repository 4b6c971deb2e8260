package io.powercut.reports;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.CrashSearch;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.Finding;
import io.powercut.checker.FindingShrinker;
import io.powercut.checker.Reproducer;
import io.powercut.checker.Trace;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.FuzzFinding;
import io.powercut.checker.results.FuzzSummary;
import io.powercut.checker.results.ResultsWriter;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import io.powercut.checker.thin.PoolState;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import io.powercut.fuzz.Campaign;
import io.powercut.fuzz.Corpus;
import io.powercut.fuzz.SeedCorpus;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.property.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
  static final int BUG_BUDGET = 40;
  static final long FUZZ_CASES = 500;
  static final List<PdataBug> BUGS =
      List.of(
          PdataBug.SUPERBLOCK_BEFORE_FLUSH,
          PdataBug.SUPERBLOCK_NOT_FLUSHED,
          PdataBug.REUSE_FREED_BLOCK);

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
    ExploreOptions o = options(FAULT_WORKLOADS).withIoErrorVariants(4);
    o =
        o.withSearch(
            o.search()
                .withEnumeration(
                    o.search().enumeration().withTorn(true).withMisdirect(true).withBitRot(true)));
    return campaign("faults", o, FAULT_OPS, Map.of("--faults", "torn,misdirect,bitrot,ioerror"));
  }

  private static Path campaign(
      String run, ExploreOptions options, int ops, Map<String, String> flags) throws IOException {
    Path file = resultsFile(run);
    ThinSubject subject = new ThinSubject(1024, 1024, Bugs.NONE);
    try (ResultsWriter w = ResultsWriter.create(file)) {
      w.write(start(run, subject, options, ops, flags));
      CampaignResult<ThinOp> r =
          new Explorer<ThinOp, PoolState>(
                  () -> new ThinSubject(1024, 1024, Bugs.NONE),
                  workloads(ops),
                  options,
                  w.sampling(run, Explorer.ProgressListener.NONE))
              .run();
      w.write(RunEnd.of(run, r));
      if (r.reproducer().isPresent()) {
        Path rep = DIR.resolve("reproducers").resolve(run + ".txt");
        Files.createDirectories(rep.getParent());
        r.reproducer().get().write(rep);
        w.write(FindingRecord.of(run, r.reproducer().get(), rep));
      }
    }
    return file;
  }

  /** Each bug in its own campaign, stopped at the first violation, which is then shrunk. */
  private static Path bugs() throws IOException {
    Path file = resultsFile("bugs");
    try (ResultsWriter w = ResultsWriter.create(file)) {
      for (PdataBug bug : BUGS) {
        String run = "bug " + bug.id();
        ExploreOptions options = options(BUG_BUDGET).withShrink(false);
        ThinSubject subject = new ThinSubject(1024, 1024, Bugs.of(bug));
        w.write(start(run, subject, options, OPS, Map.of("--bugs", bug.id())));
        CampaignResult<ThinOp> r =
            new Explorer<ThinOp, PoolState>(
                    () -> new ThinSubject(1024, 1024, Bugs.of(bug)),
                    workloads(OPS),
                    options,
                    Explorer.ProgressListener.NONE)
                .run();
        w.write(row(run, bug, subject, options, r));
      }
    }
    return file;
  }

  private static BugRow row(
      String run,
      PdataBug bug,
      ThinSubject subject,
      ExploreOptions options,
      CampaignResult<ThinOp> r)
      throws IOException {
    if (r.finding().isEmpty()) {
      return new BugRow(
          run,
          bug.id(),
          bug.description(),
          false,
          r.elapsed().toMillis(),
          r.stats().statesChecked(),
          r.stats().workloads,
          -1,
          null);
    }
    Finding<ThinOp> found = r.finding().get();
    Finding<ThinOp> shrunk =
        new FindingShrinker<>(subject, new CrashSearch<>(subject, options.search()), 300)
            .shrink(Trace.run(subject, found.ops(), found.ioFault()), found);
    Reproducer rep = Reproducer.of(subject, shrunk);
    Path repFile = DIR.resolve("reproducers").resolve(bug.id() + ".txt");
    Files.createDirectories(repFile.getParent());
    rep.write(repFile);
    return new BugRow(
        run,
        bug.id(),
        bug.description(),
        true,
        r.elapsed().toMillis(),
        r.stats().statesChecked(),
        r.stats().workloads,
        rep.ops().size(),
        FindingRecord.replayCommand(repFile));
  }

  /** A short fuzz campaign on the engine's readers, seeded like the rest. */
  private static Path fuzz() throws IOException {
    Path file = resultsFile("fuzz");
    String run = "fuzz";
    Campaign.Options o =
        new Campaign.Options(
            SEED,
            Duration.ofMinutes(1),
            FUZZ_CASES,
            1,
            Duration.ofSeconds(10),
            0,
            DIR.resolve("fuzz"),
            Campaign.ENGINE);
    Campaign campaign =
        new Campaign(
            new Corpus(SeedCorpus.builtIn()),
            o,
            new Campaign.Listener() {
              @Override
              public void progress(Campaign.Progress p) {}

              @Override
              public void found(io.powercut.fuzz.Finding f) {}
            });
    Campaign.Progress p;
    try {
      p = campaign.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (ResultsWriter w = ResultsWriter.create(file)) {
      w.write(
          new RunStart(
              run,
              "reports suite",
              "dm-thin readers",
              Seeds.format(SEED),
              "0/1",
              Map.of("--cases", String.valueOf(FUZZ_CASES), "--target", o.target())));
      w.write(
          new FuzzSummary(
              run,
              o.target(),
              p.cases(),
              Math.round(p.seconds() * 1000),
              campaign.findings().size()));
      for (io.powercut.fuzz.Finding f : campaign.findings()) {
        w.write(
            new FuzzFinding(
                run,
                o.target(),
                f.failure().kind().name().toLowerCase(Locale.ROOT),
                f.failure().message(),
                f.image().toString(),
                f.replayCommand(o.target())));
      }
    }
    return file;
  }

  private static WorkloadSource<ThinOp> workloads(int ops) {
    return WorkloadSource.random(new ThinWorkloads(4, 48, 1024), SEED, ops);
  }

  /** Two threads, and progress every second so that the throughput plot has points. */
  private static ExploreOptions options(long workloads) {
    ExploreOptions o = ExploreOptions.of(SEED, workloads);
    return new ExploreOptions(
        o.seed(),
        o.workloads(),
        o.duration(),
        o.search(),
        o.ioErrorVariants(),
        o.shrink(),
        o.shrinkBudget(),
        o.keepGoing(),
        2,
        o.shardIndex(),
        o.shardCount(),
        Duration.ofSeconds(1));
  }

  private static RunStart start(
      String run, ThinSubject subject, ExploreOptions o, int ops, Map<String, String> flags) {
    Map<String, String> options = new TreeMap<>(flags);
    options.put("--workloads", String.valueOf(o.workloads()));
    options.put("--ops", String.valueOf(ops));
    return new RunStart(
        run,
        "reports suite",
        subject.spec(),
        Seeds.format(o.seed()),
        o.shardIndex() + "/" + o.shardCount(),
        options);
  }
}
