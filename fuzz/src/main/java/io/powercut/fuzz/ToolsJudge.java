package io.powercut.fuzz;

import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.check.Problem;
import io.powercut.thin.check.Rule;
import io.powercut.thin.check.Severity;
import io.powercut.thin.tools.ThinTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The real thin-provisioning-tools as black boxes: each mutated image goes to {@code thin_check},
 * {@code thin_dump}, {@code thin_ls} and {@code thin_rmap}. A crash (death by a signal), a hang, a
 * dump whose device's {@code mapped_blocks} disagrees with the mappings it prints, and an exit 0 on
 * an image our checker rejects are findings. {@code thin_check} must reject any problem ours finds
 * (it exits 1 for non-fatal ones too); the other tools read only the superblock and the live trees,
 * so for them only a fatal problem there counts (not in the space maps, not in the metadata
 * snapshot).
 */
public final class ToolsJudge implements Judge {
  /** The tools, in the order they run. */
  public static final List<String> TOOLS =
      List.of("thin_check", "thin_dump", "thin_ls", "thin_rmap");

  /** Rules about the space maps, which thin_dump, thin_ls and thin_rmap never read. */
  private static final Set<String> SPACE_MAP_RULES =
      Set.of(
          Rule.METADATA_COUNT.id(),
          Rule.DATA_COUNT.id(),
          Rule.NR_ALLOCATED.id(),
          Rule.NR_FREE.id(),
          Rule.OVERFLOW.id(),
          Rule.BITMAP_TAIL.id(),
          Rule.INDEX_ENTRY.id(),
          Rule.SPACE_MAP_SIZE.id());

  /** Data blocks thin_rmap is asked about: more than any seed's data device. */
  private static final String RMAP_REGION = "0..1048576";

  /** Dump output beyond this for an image of at most a few MiB means the tool ran away. */
  private static final long MAX_DUMP_BYTES = 64L << 20;

  private final Duration timeout;
  private final Path file;
  private final Path dump;

  /** Runs each tool with {@code timeout}; the image goes through one temporary file. */
  public ToolsJudge(Duration timeout) throws IOException {
    this.timeout = timeout;
    this.file = Files.createTempFile("powercut-fuzz", ".img");
    this.dump = Files.createTempFile("powercut-fuzz", ".xml");
  }

  /** Whether every tool is installed. */
  public static boolean available() {
    return TOOLS.stream().allMatch(ThinTools::available);
  }

  @Override
  public Verdict judge(Image image) {
    try {
      return judgeOrThrow(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Verdict judgeOrThrow(Image image) throws IOException {
    CheckReport ours = MetadataChecker.check(image, CheckOptions.DEFAULT);
    image.save(file);
    StringBuilder outcome = new StringBuilder(ours.clean() ? "clean" : "rejected");
    Failure first = null;
    for (String tool : TOOLS) {
      ThinTools.Result r = run(tool);
      outcome.append(" | ").append(tool).append(r.timedOut() ? " hang" : " " + r.exitCode());
      Failure f = classify(tool, r, ours, tool.equals("thin_dump") ? readDump() : "");
      if (f != null && (first == null || f.kind().ordinal() < first.kind().ordinal())) {
        first = f;
      }
    }
    return new Verdict(ours.clean(), outcome.toString(), first);
  }

  private ThinTools.Result run(String tool) throws IOException {
    String image = file.toString();
    return switch (tool) {
      case "thin_rmap" -> ThinTools.run(timeout, tool, "--region", RMAP_REGION, image);
      // Through a file, so a runaway dump cannot fill memory.
      case "thin_dump" -> ThinTools.run(timeout, dump, tool, image);
      default -> ThinTools.run(timeout, tool, image);
    };
  }

  /** The dump just written, or null if it is too large to be the dump of a small image. */
  private String readDump() throws IOException {
    return Files.size(dump) > MAX_DUMP_BYTES ? null : Files.readString(dump);
  }

  private static Failure classify(String tool, ThinTools.Result r, CheckReport ours, String out) {
    if (r.killedBySignal()) {
      int signal = r.exitCode() - 128;
      return tool(
          Failure.Kind.TOOL_CRASH,
          tool,
          "killed by signal " + signal,
          "signal " + signal,
          r.stderr());
    }
    if (r.timedOut()) {
      return tool(Failure.Kind.TOOL_HANG, tool, "no exit within the deadline", "", r.stderr());
    }
    if (r.exitCode() != 0) {
      return null;
    }
    if (out == null) {
      return tool(Failure.Kind.TOOL_HANG, tool, "runaway output", "runaway output", r.stderr());
    }
    String mismatch = tool.equals("thin_dump") ? DumpCounts.mismatch(out) : null;
    if (mismatch != null) {
      // What our checker says tells a lost mapping from a wrong count on disk.
      String ruled =
          ours.clean() ? "our check: clean" : "our check: " + ours.problems().get(0).rule();
      return tool(Failure.Kind.TOOL_DUMP_MISMATCH, tool, mismatch + "; " + ruled, ruled, "");
    }
    Problem p = missed(tool, ours);
    if (p == null) {
      return null;
    }
    return tool(
        Failure.Kind.TOOL_SILENT_ACCEPT,
        tool,
        "exit 0, but " + p.severity() + " " + p,
        p.severity() + " " + p.rule(),
        ours.toString());
  }

  /** The problem of ours that {@code tool} should not have passed, or null. */
  private static Problem missed(String tool, CheckReport ours) {
    for (Problem p : ours.problems()) {
      if (tool.equals("thin_check") || p.severity() == Severity.FATAL && readBy(p)) {
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
