package io.powercut.cli;

import io.powercut.thin.tools.ToolsGeneration;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --thin-check every|sample|off}: how often to ask the real thin_check too (a mixin). */
final class ThinCheckOption {
  @Option(
      names = "--thin-check",
      description =
          "ask the real thin_check too: about everything (every), a sample (sample), or never"
              + " (off); default: sample where thin_check is installed")
  String mode;

  /** How often the real thin_check is asked. */
  enum Mode {
    EVERY,
    SAMPLE,
    OFF;

    /** The mode the flag's word names. */
    static Mode parse(String word) throws UsageException {
      for (Mode m : values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(word)) {
          return m;
        }
      }
      throw new UsageException("--thin-check: expected every, sample or off, got '" + word + "'");
    }
  }

  /** One in how many judged items to ask 0.9's thin_check about (0: never). */
  int every(int sampleEvery, PrintWriter stderr) throws UsageException {
    return every(sampleEvery, List.of(ToolsGeneration.V0_9), stderr);
  }

  /**
   * One in how many judged items to ask the thin_check of {@code generations} about (0: never).
   * Asking for a thin_check that is not installed is a usage error; by default its absence only
   * earns a note.
   */
  int every(int sampleEvery, List<ToolsGeneration> generations, PrintWriter stderr)
      throws UsageException {
    ToolsGeneration missing =
        generations.stream().filter(g -> !g.available()).findFirst().orElse(null);
    boolean installed = missing == null;
    Mode m = mode == null ? (installed ? Mode.SAMPLE : Mode.OFF) : Mode.parse(mode);
    int every =
        switch (m) {
          case EVERY -> 1;
          case SAMPLE -> sampleEvery;
          case OFF -> 0;
        };
    if (every > 0 && !installed) {
      throw new UsageException(
          "--thin-check "
              + m.name().toLowerCase(Locale.ROOT)
              + " needs "
              + missing.missingReason());
    }
    if (mode == null && !installed) {
      stderr.println("note: no second opinion from thin_check: " + missing.missingReason());
    }
    return every;
  }
}
