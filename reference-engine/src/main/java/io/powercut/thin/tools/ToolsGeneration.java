package io.powercut.thin.tools;

import io.powercut.property.Executables;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A generation of the real thin-provisioning-tools, found by the version its {@code thin_check -V}
 * prints: 0.9 (the C++ tools, Debian bookworm's package, on the PATH or in /usr/sbin) and 1.1 (the
 * maintained Rust tools, fetched by {@code .ci/thin-tools-1.1} into a private directory named by
 * {@value #DIR_1_1_ENV}, by default {@code ~/.cache/powercut/thin-tools-1.1.0/bin}; never installed
 * system-wide). Each generation is looked for in its own directories and accepted only if its
 * {@code thin_check} says it is that version, so the two can never be mistaken for each other.
 */
public enum ToolsGeneration {
  V0_9("0.9", 1, "apt-get install -y thin-provisioning-tools (Debian bookworm: 0.9.0)"),
  V1_1(
      "1.1",
      64,
      "bash .ci/thin-tools-1.1 (fetches 1.1.0 into ~/.cache/powercut; export "
          + "POWERCUT_THIN_TOOLS_1_1=<the directory it prints> for another place)");

  /** The environment variable naming the directory of the 1.1 tools. */
  public static final String DIR_1_1_ENV = "POWERCUT_THIN_TOOLS_1_1";

  /** Where {@code .ci/thin-tools-1.1} puts the 1.1 tools by default, under the home directory. */
  public static final String DEFAULT_1_1_DIR = ".cache/powercut/thin-tools-1.1.0/bin";

  private static final Map<ToolsGeneration, Optional<Found>> FOUND = new ConcurrentHashMap<>();

  private final String label;
  private final int failureExit;
  private final String howToGet;

  ToolsGeneration(String label, int failureExit, String howToGet) {
    this.label = label;
    this.failureExit = failureExit;
    this.howToGet = howToGet;
  }

  /** Where a generation was found: its directory and the exact version it prints. */
  public record Found(Path dir, String version) {}

  /** "0.9" or "1.1", as the command lines spell it. */
  public String label() {
    return label;
  }

  /** The exit code of a {@code thin_check} that found damage: 1 for 0.9, 64 for 1.1. */
  public int failureExit() {
    return failureExit;
  }

  /** How to get this generation, for a skip or an error message. */
  public String howToGet() {
    return howToGet;
  }

  /** The generation {@code label} names ("0.9" or "1.1"). */
  public static ToolsGeneration parse(String label) {
    for (ToolsGeneration g : values()) {
      if (g.label.equals(label)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "unknown thin-provisioning-tools generation '" + label + "': expected 0.9 or 1.1");
  }

  /** The directory and exact version of this generation, if it is installed (looked up once). */
  public Optional<Found> found() {
    return FOUND.computeIfAbsent(this, ToolsGeneration::search);
  }

  /** Whether this generation's {@code thin_check} is installed. */
  public boolean available() {
    return found().isPresent();
  }

  /** The exact version installed ("0.9.0", "1.1.0"), if any. */
  public Optional<String> version() {
    return found().map(Found::version);
  }

  /** This generation's {@code tool}, if installed. */
  public Optional<Path> find(ThinTool tool) {
    return found().flatMap(f -> Executables.findIn(f.dir(), tool.command()));
  }

  /** Why this generation counts as missing, and how to get it. */
  public String missingReason() {
    return "thin-provisioning-tools "
        + label
        + " not found (no thin_check printing "
        + label
        + ".x for -V in "
        + String.join(", ", candidates().stream().map(Path::toString).toList())
        + "); get it with: "
        + howToGet;
  }

  @Override
  public String toString() {
    return "thin-provisioning-tools " + label;
  }

  /** The directories searched, in order. */
  List<Path> candidates() {
    List<Path> dirs = new ArrayList<>();
    if (this == V1_1) {
      String env = System.getenv(DIR_1_1_ENV);
      if (env != null && !env.isBlank()) {
        dirs.add(Path.of(env));
      }
      dirs.add(Path.of(System.getProperty("user.home"), DEFAULT_1_1_DIR));
    }
    dirs.addAll(Executables.searchDirs());
    return dirs;
  }

  private Optional<Found> search() {
    for (Path dir : candidates()) {
      Optional<Path> check = Executables.findIn(dir, ThinTool.THIN_CHECK.command());
      if (check.isPresent()) {
        Optional<String> v = versionOf(check.get());
        if (v.isPresent() && v.get().startsWith(label + ".")) {
          return Optional.of(new Found(dir, v.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** What {@code thinCheck -V} prints (its first line), if it runs and exits 0 within 10 s. */
  static Optional<String> versionOf(Path thinCheck) {
    try {
      File out = File.createTempFile("powercut-version", ".out");
      try {
        Process p =
            new ProcessBuilder(thinCheck.toString(), "-V")
                .redirectErrorStream(true)
                .redirectOutput(out)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return Optional.empty();
        }
        if (p.exitValue() != 0) {
          return Optional.empty();
        }
        String text = Files.readString(out.toPath(), StandardCharsets.UTF_8).strip();
        String first = text.lines().findFirst().orElse("").strip().toLowerCase(Locale.ROOT);
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
      } finally {
        Files.deleteIfExists(out.toPath());
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
