package io.powercut.cli;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Reproducer;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.Subject;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.fs.FileReproducer;
import io.powercut.checker.thin.PoolState;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import io.powercut.device.EnumerationOptions;
import io.powercut.engine.h2.H2Subject;
import io.powercut.fs.PersistenceMode;
import io.powercut.pdata.Bugs;
import io.powercut.property.Seeds;
import io.powercut.thin.BugCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code powercut explore}: a crash-consistency campaign on the dm-thin reference engine. */
@Command(
    name = "explore",
    mixinStandardHelpOptions = true,
    description = {
      "Runs seeded workloads on the dm-thin reference engine over a device that records every IO,"
          + " cuts the power after every write, flush and FUA, and checks that each crash state"
          + " recovers exactly a committed state (and passes the strict structural check).",
      "Prints progress every few seconds and a summary; a violation is shrunk to a minimal"
          + " reproducer for `powercut replay`."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no violation", "1:a violation was found", "2:usage or environment error"})
final class ExploreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CampaignOptions campaign;

  @Mixin ThinCheckOption thinCheck;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "how long to run, e.g. 90s, 10m (default: 60s unless --workloads is given)")
  Duration duration;

  @Option(names = "--workloads", description = "how many workloads to run")
  Long workloads;

  @Option(names = "--ops", description = "operations per workload (default: ${DEFAULT-VALUE})")
  int ops = 40;

  @Option(
      names = "--faults",
      split = ",",
      description =
          "fault classes besides dropped/reordered writes: torn, misdirect, bitrot, ioerror"
              + " (default: drop only)")
  List<String> faults = new ArrayList<>();

  @Option(
      names = "--exhaustive",
      description =
          "instead of random workloads, every sequence of up to N operations over a"
              + " small vocabulary (2 devices, a few blocks)")
  Integer exhaustive;

  @Option(
      names = "--device",
      description = "memory (default) or file:PATH to keep the initial image in a real file")
  String device = "memory";

  @Option(
      names = "--subject",
      description =
          "what to check: dm-thin (the pool metadata, default), thin-volume (thin volumes per"
              + " sector over the pool's two devices), kv (the example key-value store),"
              + " kv-on-thin (that store on a thin volume of the pool), h2 (H2's MVStore on the"
              + " crash file system) or lucene (a Lucene IndexWriter on it)")
  String subject = "dm-thin";

  @Option(
      names = "--fs-mode",
      description =
          "for an engine checked at the file level (h2, lucene): the persistence model of the"
              + " crash file system: ordered (ext4 data=ordered, default), posix (only what was"
              + " synced) or in-order (no reordering: a sync is a barrier, a prefix survives)")
  String fsMode = "ordered";

  @Option(
      names = "--h2-version",
      paramLabel = "V",
      description =
          "for --subject h2: the H2 release to check, 2.5.252 (default), 1.4.200, 1.4.199 or"
              + " 1.4.197 (1.4.199 has the historical crash bugs #2049 and #2067, 1.4.200 their"
              + " fixes)")
  String h2Version;

  @Option(
      names = "--bugs",
      split = ",",
      description =
          "seeded bugs to switch on (see `bugs`; thin-volume's: the pool target's; kv-on-thin's:"
              + " the pool's and the store's)")
  List<String> bugs = new ArrayList<>();

  @Mixin ShardOption shard;

  @Option(names = "--keep-going", description = "run every workload even after a violation")
  boolean keepGoing;

  @Option(names = "--no-merge", description = "judge every crash state, even equivalent ones")
  boolean noMerge;

  @Option(
      names = "--out",
      description = "where reproducers are written (default: ${DEFAULT-VALUE})")
  Path out = Path.of("powercut-out");

  @Option(names = "--meta-blocks", description = "metadata device blocks (default: 1024)")
  long metaBlocks = 1024;

  @Option(names = "--data-blocks", description = "data device blocks (default: ${DEFAULT-VALUE})")
  long dataBlocks = 8192;

  @Option(
      names = "--bulk",
      description =
          "percent of workload steps that write or discard hundreds of blocks at once, growing"
              + " and shrinking deep trees (default: ${DEFAULT-VALUE})")
  int bulk = 5;

  @Option(
      names = "--initial-mappings",
      description =
          "start every workload from a pool already holding this many committed mappings"
              + " (default: ${DEFAULT-VALUE})")
  int initialMappings = 0;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      long campaignSeed = campaign.seed();
      Set<FaultClass> classes = faultClasses();
      // Only dm-thin's metadata has a second judge (the real thin_check).
      int every = subject.equals("dm-thin") ? thinCheck.every(200, stderr) : 0;
      SearchOptions search =
          new SearchOptions(EnumerationOptions.seeded(campaignSeed), !noMerge, every);
      Duration limit =
          duration != null || workloads != null || exhaustive != null
              ? duration
              : Duration.ofSeconds(60);
      ExploreOptions options =
          ExploreOptions.unlimited(campaignSeed)
              .withSearch(search)
              .withFaults(classes)
              .withThreads(campaign.threads())
              .withShard(shard.index(), shard.count())
              .withKeepGoing(keepGoing);
      if (workloads != null) {
        options = options.withWorkloadLimit(workloads);
      }
      if (limit != null) {
        options = options.withTimeLimit(limit);
      }
      if (FileSubjects.NAMES.contains(subject)) {
        requireDmThinDefaults();
        return exploreFiles(stdout, stderr, options, classes, campaignSeed);
      }
      if (!fsMode.equals("ordered")) {
        throw new UsageException("--fs-mode applies to subjects checked at the file level only");
      }
      requireNoH2Version();
      if (!subject.equals("dm-thin")) {
        requireDmThinDefaults();
        ExploreSubject<?, ?> other =
            ExploreSubject.of(subject, bugs, campaignSeed, ops, exhaustive);
        String title = bugs.isEmpty() ? subject : subject + " with bugs " + String.join(",", bugs);
        return run(stdout, stderr, title, other, options, campaignSeed);
      }
      Bugs bugSet = bugSet();
      Path image = imageFile();
      WorkloadSource<ThinOp> source =
          exhaustive != null
              ? WorkloadSource.exhaustive(ThinWorkloads.vocabulary(), exhaustive)
              : WorkloadSource.random(
                  new ThinWorkloads(8, 4096, dataBlocks).withBulk(bulk), campaignSeed, ops);
      ExploreSubject<ThinOp, PoolState> thin =
          new ExploreSubject<>(
              "dm-thin",
              () ->
                  new ThinSubject(metaBlocks, dataBlocks, bugSet, image)
                      .withInitialMappings(initialMappings),
              source);
      return run(
          stdout,
          stderr,
          bugSet.isEmpty() ? "dm-thin" : "dm-thin with bugs " + bugSet,
          thin,
          options,
          campaignSeed);
    } catch (IOException | RuntimeException e) {
      return debug.report(spec, e);
    }
  }

  /** Runs the campaign on {@code target}, prints its summary, writes any reproducer. */
  private <O, S> int run(
      PrintWriter stdout,
      PrintWriter stderr,
      String title,
      ExploreSubject<O, S> target,
      ExploreOptions options,
      long campaignSeed)
      throws IOException {
    WorkloadSource<O> source = target.source();
    stdout.printf(
        "powercut explore: %s, seed %s, %s, faults %s, shard %d/%d%n",
        title,
        Seeds.format(campaignSeed),
        exhaustive != null
            ? "every sequence of up to "
                + exhaustive
                + " operations ("
                + source.size().getAsLong()
                + ")"
            : ops + " operations per workload",
        faults.isEmpty() ? "drop" : "drop," + String.join(",", faults),
        shard.index(),
        shard.count());
    stdout.flush();
    Subject<O, S> first = target.subjects().get();
    ReportCommand.Recorder recorder =
        ReportCommand.Recorder.of(campaign.reportDir(), "explore", spec);
    recorder.start(first.spec(), Seeds.format(campaignSeed), shard.toString());
    Explorer<O, S> explorer =
        new Explorer<>(
            target.subjects(),
            source,
            options,
            recorder.listener((st, e) -> CampaignSummary.progress(stderr, st, e)));
    CampaignResult<?> result = explorer.run();
    recorder.end(result);
    CampaignSummary.print(stdout, result.stats(), result.elapsed(), first.operationKinds());
    if (result.reproducer().isEmpty()) {
      stdout.println("no violation");
      recorder.finish(stdout);
      return Main.OK;
    }
    Reproducer rep = result.reproducer().get();
    Files.createDirectories(out);
    Path file = out.resolve("reproducer-" + Seeds.format(campaignSeed) + ".txt");
    rep.write(file);
    recorder.finding(rep, file);
    stdout.println("VIOLATION: " + rep.finding().message());
    stdout.println("minimal reproducer (" + rep.ops().size() + " operations): " + file);
    stdout.println("replay it with: ./powercut replay " + file);
    recorder.finish(stdout);
    return Main.FINDING;
  }

  /** A real engine on the crash file system: only power loss and torn writes apply there. */
  private int exploreFiles(
      PrintWriter stdout,
      PrintWriter stderr,
      ExploreOptions options,
      Set<FaultClass> classes,
      long campaignSeed)
      throws IOException, UsageException {
    if (!bugs.isEmpty()) {
      throw new UsageException("--bugs: " + subject + " has no seeded bugs; it is a real engine");
    }
    Set<FaultClass> fileFaults = EnumSet.noneOf(FaultClass.class);
    for (FaultClass c : classes) {
      if (c != FaultClass.TORN) {
        throw new UsageException(
            "--faults: " + c.id() + " does not apply at the file level (drop and torn do)");
      }
      fileFaults.add(c);
    }
    PersistenceMode mode;
    try {
      mode = FileReproducer.parseMode(fsMode);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--fs-mode: " + e.getMessage());
    }
    String subjectSpec = null;
    if (h2Version != null) {
      if (!subject.equals(H2Subject.NAME)) {
        requireNoH2Version();
      }
      subjectSpec = H2Subject.NAME + " version=" + h2Version;
    }
    FileSubjects.Campaign<?, ?> c =
        FileSubjects.campaign(subject, campaignSeed, ops, exhaustive, subjectSpec);
    String line =
        exhaustive != null
            ? "every sequence of up to "
                + exhaustive
                + " operations ("
                + c.source().size().getAsLong()
                + ")"
            : ops + " operations per workload";
    ReportCommand.Recorder recorder =
        ReportCommand.Recorder.of(campaign.reportDir(), "explore", spec);
    return FileExplore.run(
        stdout, stderr, c, options.withFaults(fileFaults), mode, line, out, recorder);
  }

  private void requireNoH2Version() throws UsageException {
    if (h2Version != null) {
      throw new UsageException("--h2-version applies to --subject h2 only");
    }
  }

  /** The flags that shape dm-thin's pool mean nothing to another subject: refuse them. */
  private void requireDmThinDefaults() throws UsageException {
    Map<String, Boolean> given = new LinkedHashMap<>();
    given.put("--device", !device.equals("memory"));
    given.put("--thin-check", thinCheck.mode != null);
    given.put("--meta-blocks", metaBlocks != 1024);
    given.put("--data-blocks", dataBlocks != 8192);
    given.put("--bulk", bulk != 5);
    given.put("--initial-mappings", initialMappings != 0);
    for (Map.Entry<String, Boolean> e : given.entrySet()) {
      if (e.getValue()) {
        throw new UsageException(e.getKey() + " applies to --subject dm-thin only");
      }
    }
  }

  private Set<FaultClass> faultClasses() throws UsageException {
    Set<FaultClass> out = EnumSet.noneOf(FaultClass.class);
    for (String f : faults) {
      try {
        FaultClass c = FaultClass.byId(f.strip().toLowerCase(Locale.ROOT));
        if (c != FaultClass.DROP) { // plain power loss is always on
          out.add(c);
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--faults: " + e.getMessage() + " (drop, torn, misdirect, bitrot, ioerror)");
      }
    }
    return out;
  }

  private Bugs bugSet() throws UsageException {
    try {
      return BugCatalog.bugs(String.join(",", bugs));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--bugs: " + e.getMessage());
    }
  }

  private Path imageFile() throws UsageException {
    if (device.equals("memory")) {
      return null;
    }
    if (device.startsWith("file:") && device.length() > 5) {
      Path file = Path.of(device.substring(5));
      if (Files.exists(file)) {
        throw new UsageException(
            "--device "
                + device
                + ": the file exists; give a new path (the campaign formats it,"
                + " and will not overwrite anything)");
      }
      try {
        ThinSubject.formatImage(file, metaBlocks, dataBlocks);
      } catch (IOException e) {
        throw new UsageException(
            "--device " + device + ": cannot create the image: " + e.getMessage());
      }
      return file;
    }
    throw new UsageException("--device must be memory or file:PATH, got '" + device + "'");
  }
}
