package io.powercut.thin.tools;

import io.powercut.device.BlockDevice;
import io.powercut.device.FileBlockDevice;
import io.powercut.property.Executables;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real thin-provisioning-tools (thin_check, thin_dump, thin_restore, thin_ls, thin_rmap,
 * thin_delta): the independent judges of our on-disk format. Every run names the {@link
 * ToolsGeneration} it asks (0.9.0 and 1.1.0 differ in exit codes, output and verdicts), has a
 * timeout, and sends its output through files so a large dump cannot block the pipe.
 */
public final class ThinTools {
  /** What installs the 0.9 tools on Debian. */
  public static final String INSTALL = "apt-get install -y thin-provisioning-tools";

  private ThinTools() {}

  /**
   * The outcome of one run. The JDK reports a process killed by signal N as exit code 128 + N (as a
   * shell does), so an exit code above 128 is read as a death by a signal; no tool exits above 128
   * by itself.
   */
  public record Result(
      List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {
    public boolean ok() {
      return !timedOut && exitCode == 0;
    }

    /** Whether the tool died of a signal (a crash, not a verdict). */
    public boolean killedBySignal() {
      return !timedOut && exitCode > 128;
    }

    /** The signal the tool died of, if it did. */
    public Optional<Integer> signal() {
      return killedBySignal() ? Optional.of(exitCode - 128) : Optional.empty();
    }

    /**
     * Whether a Rust tool (1.1) panicked: exit 101 with Rust's panic message. A bug of the tool,
     * like a crash, but deterministic.
     */
    public boolean panicked() {
      return !timedOut && exitCode == 101 && stderr.contains("panicked at");
    }

    @Override
    public String toString() {
      return String.join(" ", command)
          + " -> "
          + (timedOut ? "timed out" : "exit " + exitCode)
          + (stderr.isBlank() ? "" : ": " + stderr.strip());
    }
  }

  /** Where the program {@code tool} is on the PATH (or in an sbin directory), if it is. */
  public static Optional<Path> find(String tool) {
    return Executables.find(tool);
  }

  public static boolean available(String tool) {
    return find(tool).isPresent();
  }

  /** Whether {@code generation} is installed with every one of {@code tools}. */
  public static boolean available(ToolsGeneration generation, ThinTool... tools) {
    for (ThinTool tool : tools) {
      if (generation.find(tool).isEmpty()) {
        return false;
      }
    }
    return generation.available();
  }

  /**
   * Runs {@code generation}'s thin_check on an image held anywhere (memory, a crash image), through
   * a temporary file.
   */
  public static Result checkImage(ToolsGeneration generation, BlockDevice image, Duration timeout)
      throws IOException {
    Path dir = Files.createTempDirectory("powercut-thin-check");
    Path file = dir.resolve("metadata.img");
    try {
      FileBlockDevice.save(image, file);
      return run(generation, timeout, ThinTool.THIN_CHECK, file.toString());
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** Runs {@code generation}'s {@code tool args...}, keeping both outputs in memory. */
  public static Result run(
      ToolsGeneration generation, Duration timeout, ThinTool tool, String... args)
      throws IOException {
    return run(generation, timeout, null, tool, args);
  }

  /**
   * Runs {@code generation}'s {@code tool args...}; stdout goes to {@code stdoutFile} when given
   * (and is then not kept in memory), otherwise it is returned.
   */
  public static Result run(
      ToolsGeneration generation, Duration timeout, Path stdoutFile, ThinTool tool, String... args)
      throws IOException {
    Path exe =
        generation
            .find(tool)
            .orElseThrow(() -> new IOException(tool + " of " + generation.missingReason()));
    return exec(exe, timeout, stdoutFile, tool.command(), args);
  }

  /** Runs the program {@code tool} from the PATH (any program), keeping both outputs in memory. */
  public static Result run(Duration timeout, String tool, String... args) throws IOException {
    return run(timeout, null, tool, args);
  }

  /** Runs the program {@code tool} from the PATH; stdout to {@code stdoutFile} when given. */
  public static Result run(Duration timeout, Path stdoutFile, String tool, String... args)
      throws IOException {
    Path exe =
        find(tool).orElseThrow(() -> new IOException(tool + " is not installed (" + INSTALL + ")"));
    return exec(exe, timeout, stdoutFile, tool, args);
  }

  private static Result exec(
      Path exe, Duration timeout, Path stdoutFile, String tool, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(List.of(args));
    Path out = stdoutFile != null ? stdoutFile : Files.createTempFile("powercut-tool", ".out");
    Path err = Files.createTempFile("powercut-tool", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          p.destroyForcibly();
          p.waitFor();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running " + tool, e);
      }
      String stdout = stdoutFile != null ? "" : Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      List<String> shown = new ArrayList<>(cmd);
      shown.set(0, tool);
      return new Result(List.copyOf(shown), done ? p.exitValue() : -1, stdout, stderr, !done);
    } finally {
      if (stdoutFile == null) {
        Files.deleteIfExists(out);
      }
      Files.deleteIfExists(err);
    }
  }
}
