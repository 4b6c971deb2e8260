package io.powercut.cli;

import io.powercut.checker.results.FuzzFinding;
import io.powercut.fuzz.Campaign;
import io.powercut.fuzz.Case;
import io.powercut.fuzz.Corpus;
import io.powercut.fuzz.Deadline;
import io.powercut.fuzz.Differential;
import io.powercut.fuzz.FuzzOptions;
import io.powercut.fuzz.FuzzTarget;
import io.powercut.fuzz.Image;
import io.powercut.fuzz.ImageFinding;
import io.powercut.fuzz.ImageVerdict;
import io.powercut.fuzz.Judge;
import io.powercut.fuzz.Mutation;
import io.powercut.fuzz.SeedCorpus;
import io.powercut.fuzz.SeedImage;
import io.powercut.fuzz.ToolsJudge;
import io.powercut.property.Seeds;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code powercut fuzz}: structure-aware fuzzing of metadata images. */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = {
      "Mutates dm-thin metadata images (raw damage and structure-aware field changes with the"
          + " checksums recomputed) and takes each through the strict checker, open, a read-only"
          + " walk of every device and the dumper. Success and the typed corruption error are"
          + " allowed; any other exception, a hang, runaway memory or readers that disagree is a"
          + " finding, minimized and saved with the command that reproduces it.",
      "With --target thin-tools the same images go to the real thin_check, thin_dump, thin_ls"
          + " and thin_rmap: crashes, hangs and damage they pass in silence are the findings."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no finding", "1:a finding", "2:usage or environment error"})
final class FuzzCommand implements Callable<Integer> {
  /** Cases between two asks of the real thin_check with --thin-check sample. */
  static final int SAMPLE_EVERY = 2000;

  @Spec CommandSpec spec;

  @Mixin CampaignOptions campaign;

  @Mixin ThinCheckOption thinCheck;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "how long to run, e.g. 90s, 10m (default: 60s)")
  Duration duration = Duration.ofSeconds(60);

  @Option(names = "--cases", description = "stop after this many cases")
  Long cases;

  @Option(names = "--case", description = "judge only case N of --seed, and print it")
  Long oneCase;

  @Option(names = "--replay", description = "judge a saved image (.img or .img.gz) and exit")
  Path replay;

  @Option(
      names = "--corpus",
      description = "more seed images: every *.img and *.img.gz in DIR, after the built-in ones")
  Path corpus;

  @Option(names = "--out", description = "where findings are saved (default: ${DEFAULT-VALUE})")
  Path out = Path.of("powercut-out", "fuzz");

  @Option(
      names = "--target",
      paramLabel = "<target>",
      description = "engine (our checker, engine and dumper) or thin-tools (default: engine)")
  String targetName = FuzzTarget.ENGINE.id();

  /** {@link #targetName} parsed by {@link #checkTarget}. */
  private FuzzTarget target;

  @Option(
      names = "--tools",
      paramLabel = "0.9|1.1|both",
      converter = ToolsConverter.class,
      description =
          "which generation of the real thin-provisioning-tools --target thin-tools and"
              + " --thin-check ask: 0.9 (the PATH's 0.9.0), 1.1 (1.1.0 from bash .ci/thin-tools-1.1)"
              + " or both (default: 0.9)")
  List<ToolsGeneration> tools = List.of(ToolsGeneration.V0_9);

  @Option(
      names = "--deadline",
      converter = DurationConverter.class,
      description = "longest an image may take in our readers or in one tool (default: 10s)")
  Duration deadline = Duration.ofSeconds(10);

  @Mixin ShardOption shard;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      checkTarget();
      if (replay != null) {
        return replay(stdout);
      }
      long campaignSeed = campaign.seed();
      Corpus seeds = new Corpus(seeds());
      if (oneCase != null) {
        return oneCase(seeds, campaignSeed, stdout);
      }
      int every = target == FuzzTarget.ENGINE ? thinCheck.every(SAMPLE_EVERY, tools, stderr) : 0;
      FuzzOptions options =
          FuzzOptions.of(campaignSeed, duration, out, target)
              .withThreads(campaign.threads())
              .withDeadline(deadline)
              .withThinCheckEvery(every)
              .withShard(shard.index(), shard.count())
              .withTools(tools);
      if (cases != null) {
        options = options.withCaseLimit(cases);
      }
      stdout.printf(
          "powercut fuzz: target %s, seed %s, %d seed images, %d threads, thin_check %s, tools %s,"
              + " shard %s%n",
          target.id(),
          Seeds.format(campaignSeed),
          seeds.seeds().size(),
          options.threads(),
          every == 0 ? "off" : every == 1 ? "every case" : "1 in " + every,
          versions(),
          shard);
      stdout.flush();
      ReportCommand.Recorder recorder =
          ReportCommand.Recorder.of(campaign.reportDir(), "fuzz", spec);
      recorder.start("dm-thin images", Seeds.format(campaignSeed), shard.toString());
      Campaign campaign =
          new Campaign(
              seeds,
              options,
              new Campaign.Listener() {
                @Override
                public void progress(Campaign.Progress p) {
                  stderr.println("fuzz: " + line(p));
                  stderr.flush();
                }

                @Override
                public void found(ImageFinding f) {
                  printFinding(stdout, f);
                }
              });
      Campaign.Progress p = campaign.run();
      summary(stdout, p, campaign.findings());
      recorder.write(campaign.summaryRecord("fuzz", p));
      for (FuzzFinding f : campaign.findingRecords("fuzz")) {
        recorder.write(f);
      }
      recorder.finish(stdout);
      return campaign.findings().isEmpty() ? Main.OK : Main.FINDING;
    } catch (IOException | RuntimeException e) {
      return debug.report(spec, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return debug.report(spec, e);
    }
  }

  private void checkTarget() throws UsageException {
    try {
      target = FuzzTarget.byId(targetName);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (target == FuzzTarget.THIN_TOOLS) {
      for (ToolsGeneration g : tools) {
        if (!g.available()) {
          throw new UsageException("--target thin-tools needs " + g.missingReason());
        }
        if (!ToolsJudge.available(g)) {
          throw new UsageException(
              "--target thin-tools needs "
                  + ToolsJudge.TOOLS.stream()
                      .map(ThinTool::command)
                      .collect(Collectors.joining(", "))
                  + " of "
                  + g
                  + "; get it with: "
                  + g.howToGet());
        }
      }
    }
  }

  /** The tools' generations and exact versions, as the header prints them. */
  private String versions() {
    List<String> v = new ArrayList<>();
    for (ToolsGeneration g : tools) {
      v.add(g.version().orElse(g.label() + " (not installed)"));
    }
    return String.join(" and ", v);
  }

  private List<SeedImage> seeds() throws IOException {
    List<SeedImage> all = new ArrayList<>(SeedCorpus.builtIn());
    if (corpus != null) {
      if (!Files.isDirectory(corpus)) {
        throw new UsageException("--corpus " + corpus + ": not a directory");
      }
      all.addAll(SeedCorpus.load(corpus));
    }
    return all;
  }

  private Judge judge() throws IOException {
    return target == FuzzTarget.ENGINE ? new Deadline(deadline) : new ToolsJudge(tools, deadline);
  }

  private int replay(PrintWriter stdout) throws IOException {
    if (!Files.isRegularFile(replay)) {
      throw new UsageException(replay + ": no such file");
    }
    Image image = Image.load(replay);
    try (Judge judge = judge()) {
      return verdict(stdout, replay.toString(), judge.judge(image));
    }
  }

  private int oneCase(Corpus seeds, long campaignSeed, PrintWriter stdout) throws IOException {
    Case c = seeds.make(campaignSeed, oneCase);
    stdout.println(
        "case "
            + oneCase
            + " of seed "
            + Seeds.format(campaignSeed)
            + ": seed image "
            + seeds.seedName(c));
    for (Mutation m : c.mutations()) {
      stdout.println("  " + m);
    }
    try (Judge judge = judge()) {
      return verdict(stdout, "case " + oneCase, judge.judge(seeds.image(c)));
    }
  }

  private static int verdict(PrintWriter stdout, String what, ImageVerdict v) {
    stdout.println(what + ": " + v.outcome());
    if (!v.failed()) {
      stdout.println("no finding");
      stdout.flush();
      return Main.OK;
    }
    stdout.println("FINDING: " + v.failure().summary());
    stdout.println(v.failure().detail().strip());
    stdout.flush();
    return Main.FINDING;
  }

  private void printFinding(PrintWriter stdout, ImageFinding f) {
    synchronized (stdout) {
      stdout.println("FINDING: " + f.failure().summary());
      stdout.println(
          "  minimized to "
              + f.minimized().mutations().size()
              + " of "
              + f.originalMutations()
              + " mutations, saved as "
              + f.image());
      stdout.println("  reproduce: " + f.replayCommand(target));
      stdout.flush();
    }
  }

  private static String line(Campaign.Progress p) {
    StringBuilder agree = new StringBuilder();
    for (Differential.Counts d : p.differential()) {
      if (d.sampled() > 0) {
        agree.append(
            String.format(
                ", thin_check %s agrees on %,d of %,d",
                d.generation().label(), d.agreed(), d.sampled()));
      }
    }
    return String.format(
        "%,d images, %,.0f images/s, %d findings (%,d failing images), %,d distinct outcomes%s%s",
        p.cases(),
        p.perSecond(),
        p.findings(),
        p.failedCases(),
        p.outcomes(),
        agree,
        p.abandoned() == 0 ? "" : ", " + p.abandoned() + " workers lost to hangs");
  }

  private void summary(PrintWriter stdout, Campaign.Progress p, List<ImageFinding> findings) {
    stdout.printf("%-36s %,d%n", "images judged", p.cases());
    stdout.printf("%-36s %,.1f%n", "seconds", p.seconds());
    stdout.printf("%-36s %,.0f%n", "images per second", p.perSecond());
    stdout.printf("%-36s %,d%n", "distinct outcomes (coverage)", p.outcomes());
    stdout.printf("%-36s %,d%n", "failing images", p.failedCases());
    stdout.printf("%-36s %,d%n", "findings (distinct)", findings.size());
    for (Differential.Counts d : p.differential()) {
      if (d.sampled() == 0) {
        continue;
      }
      String v = d.generation().version().orElse(d.generation().label());
      stdout.printf("%-36s %,d%n", "thin_check " + v + " asked", d.sampled());
      stdout.printf("%-36s %,d%n", "  agreed", d.agreed());
      stdout.printf("%-36s %,d%n", "  we reject, thin_check passes", d.weRejectOnly());
      stdout.printf("%-36s %,d%n", "  thin_check rejects, we pass", d.thinCheckRejectsOnly());
      if (d.disagreed() > 0) {
        stdout.println("  disagreement images: " + out.resolve("disagreements"));
      }
    }
    for (ImageFinding f : findings) {
      stdout.printf("%,8d x %s%n", f.hits(), f.failure().summary());
      stdout.println("           reproduce: " + f.replayCommand(target));
    }
    stdout.println(findings.isEmpty() ? "no finding" : findings.size() + " findings in " + out);
    stdout.flush();
  }
}
