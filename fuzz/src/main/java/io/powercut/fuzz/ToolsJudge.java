package io.powercut.fuzz;

import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.check.Problem;
import io.powercut.thin.check.Rule;
import io.powercut.thin.check.Severity;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ThinTools;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The real thin-provisioning-tools as black boxes: each mutated image goes to {@code thin_check},
 * {@code thin_dump}, {@code thin_ls} and {@code thin_rmap}. A crash (death by a signal), a hang, a
 * dump whose device's {@code mapped_blocks} disagrees with the mappings it prints, and an exit 0 on
 * an image our checker rejects are findings. {@code thin_check} must reject any problem ours finds
 * (it exits 1 for non-fatal ones too); the other tools read only the superblock and the live trees,
 * so for them only a fatal problem there counts (not in the space maps, not in the metadata
 * snapshot). Each of the chosen {@link ToolsGeneration generations} runs every tool; a failure
 * names the tool and its exact version ({@code thin_ls 0.9.0}). A Rust panic (1.1) counts as a
 * crash.
 */
public final class ToolsJudge implements Judge {
  /** The tools, in the order they run. */
  public static final List<ThinTool> TOOLS =
      List.of(ThinTool.THIN_CHECK, ThinTool.THIN_DUMP, ThinTool.THIN_LS, ThinTool.THIN_RMAP);

  /** Rules about the space maps, which thin_dump, thin_ls and thin_rmap never read. */
  private static final Set<Rule> SPACE_MAP_RULES =
      EnumSet.of(
          Rule.METADATA_COUNT,
          Rule.DATA_COUNT,
          Rule.NR_ALLOCATED,
          Rule.NR_FREE,
          Rule.OVERFLOW,
          Rule.BITMAP_TAIL,
          Rule.INDEX_ENTRY,
          Rule.SPACE_MAP_SIZE);

  /** Data blocks thin_rmap is asked about: more than any seed's data device. */
  private static final String RMAP_REGION = "0..1048576";

  /** Dump output beyond this for an image of at most a few MiB means the tool ran away. */
  private static final long MAX_DUMP_BYTES = 64L << 20;

  private final List<ToolsGeneration> generations;
  private final Duration timeout;
  private final Path file;
  private final Path dump;

  /** One tool's run on one image, with what it amounts to. */
  public record ToolRun(
      ToolsGeneration generation,
      ThinTool tool,
      ThinTools.Result result,
      ToolBehaviour behaviour,
      Failure failure) {}

  /** Runs 0.9's tools with {@code timeout}. */
  public ToolsJudge(Duration timeout) throws IOException {
    this(List.of(ToolsGeneration.V0_9), timeout);
  }

  /**
   * Runs each tool of each of {@code generations} with {@code timeout}; the image goes through one
   * temporary file.
   */
  public ToolsJudge(List<ToolsGeneration> generations, Duration timeout) throws IOException {
    if (generations.isEmpty()) {
      throw new IllegalArgumentException("no generation of the tools to judge");
    }
    this.generations = List.copyOf(generations);
    this.timeout = timeout;
    this.file = Files.createTempFile("powercut-fuzz", ".img");
    this.dump = Files.createTempFile("powercut-fuzz", ".xml");
  }

  /** Whether every tool of {@code generation} is installed. */
  public static boolean available(ToolsGeneration generation) {
    return ThinTools.available(generation, TOOLS.toArray(ThinTool[]::new));
  }

  @Override
  public ImageVerdict judge(Image image) {
    try {
      return judgeOrThrow(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ImageVerdict judgeOrThrow(Image image) throws IOException {
    CheckReport ours = MetadataChecker.check(image, CheckOptions.DEFAULT);
    StringBuilder outcome = new StringBuilder(ours.clean() ? "clean" : "rejected");
    Failure first = null;
    for (ToolRun run : runs(image, ours)) {
      ThinTools.Result r = run.result();
      outcome
          .append(" | ")
          .append(name(run.generation(), run.tool()))
          .append(r.timedOut() ? " hang" : " " + r.exitCode());
      Failure f = run.failure();
      if (f != null && (first == null || f.kind().ordinal() < first.kind().ordinal())) {
        first = f;
      }
    }
    return new ImageVerdict(ours.clean(), outcome.toString(), first);
  }

  /** Every tool of every generation on {@code image}, with how each behaved. */
  public List<ToolRun> runs(Image image) throws IOException {
    return runs(image, MetadataChecker.check(image, CheckOptions.DEFAULT));
  }

  private List<ToolRun> runs(Image image, CheckReport ours) throws IOException {
    image.save(file);
    List<ToolRun> runs = new ArrayList<>();
    for (ToolsGeneration g : generations) {
      for (ThinTool tool : TOOLS) {
        ThinTools.Result r = run(g, tool);
        String out = tool == ThinTool.THIN_DUMP ? readDump() : "";
        Failure f = classify(name(g, tool), tool, r, ours, out);
        runs.add(new ToolRun(g, tool, r, behaviour(r, f), f));
      }
    }
    return runs;
  }

  /** A tool as findings name it: with its generation's exact version. */
  static String name(ToolsGeneration g, ThinTool tool) {
    return tool + " " + g.version().orElse(g.label());
  }

  private static ToolBehaviour behaviour(ThinTools.Result r, Failure f) {
    if (f == null) {
      return r.ok() ? ToolBehaviour.ACCEPTED : ToolBehaviour.REJECTED;
    }
    return switch (f.kind()) {
      case TOOL_CRASH -> ToolBehaviour.CRASH;
      case TOOL_HANG -> ToolBehaviour.HANG;
      case TOOL_DUMP_MISMATCH -> ToolBehaviour.WRONG_OUTPUT;
      case TOOL_SILENT_ACCEPT -> ToolBehaviour.SILENT_ACCEPT;
      default -> throw new IllegalStateException("not a tool failure: " + f);
    };
  }

  private ThinTools.Result run(ToolsGeneration g, ThinTool tool) throws IOException {
    String image = file.toString();
    return switch (tool) {
      case THIN_RMAP -> ThinTools.run(g, timeout, tool, "--region", RMAP_REGION, image);
      // Through a file, so a runaway dump cannot fill memory.
      case THIN_DUMP -> ThinTools.run(g, timeout, dump, tool, image);
      default -> ThinTools.run(g, timeout, tool, image);
    };
  }

  /** The dump just written, or null if it is too large to be the dump of a small image. */
  private String readDump() throws IOException {
    return Files.size(dump) > MAX_DUMP_BYTES ? null : Files.readString(dump);
  }

  private static Failure classify(
      String name, ThinTool tool, ThinTools.Result r, CheckReport ours, String out) {
    if (r.killedBySignal()) {
      int signal = r.signal().orElseThrow();
      return tool(
          Failure.Kind.TOOL_CRASH,
          name,
          "killed by signal " + signal,
          "signal " + signal,
          r.stderr());
    }
    if (r.panicked()) {
      return tool(Failure.Kind.TOOL_CRASH, name, "panicked", "panic", r.stderr());
    }
    if (r.timedOut()) {
      return tool(Failure.Kind.TOOL_HANG, name, "no exit within the deadline", "", r.stderr());
    }
    if (r.exitCode() != 0) {
      return null;
    }
    if (out == null) {
      return tool(Failure.Kind.TOOL_HANG, name, "runaway output", "runaway output", r.stderr());
    }
    String mismatch = tool == ThinTool.THIN_DUMP ? DumpCounts.mismatch(out) : null;
    if (mismatch != null) {
      // What our checker says tells a lost mapping from a wrong count on disk.
      String ruled =
          ours.clean() ? "our check: clean" : "our check: " + ours.problems().get(0).rule().id();
      return tool(Failure.Kind.TOOL_DUMP_MISMATCH, name, mismatch + "; " + ruled, ruled, "");
    }
    Problem p = missed(tool, ours);
    if (p == null) {
      return null;
    }
    return tool(
        Failure.Kind.TOOL_SILENT_ACCEPT,
        name,
        "exit 0, but " + p.severity() + " " + p,
        p.severity() + " " + p.rule().id(),
        ours.toString());
  }

  /** The problem of ours that {@code tool} should not have passed, or null. */
  private static Problem missed(ThinTool tool, CheckReport ours) {
    for (Problem p : ours.problems()) {
      if (tool == ThinTool.THIN_CHECK || p.severity() == Severity.FATAL && readBy(p)) {
        return p;
      }
    }
    return null;
  }

  /** Whether the problem lies in what thin_dump, thin_ls and thin_rmap read. */
  private static boolean readBy(Problem p) {
    return !SPACE_MAP_RULES.contains(p.rule())
        && !p.path().contains("space map")
        && !p.path().contains("metadata snapshot");
  }

  private static Failure tool(
      Failure.Kind kind, String tool, String message, String key, String detail) {
    return new Failure(
        kind, tool, message, kind + " in " + tool + (key.isEmpty() ? "" : ": " + key), detail);
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dump);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
