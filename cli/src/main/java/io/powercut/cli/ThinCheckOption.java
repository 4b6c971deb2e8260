package io.powercut.cli;

import io.powercut.thin.tools.ToolsGeneration;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --thin-check every|sample|off}: how often to ask the real thin_check too (a mixin). */
final class ThinCheckOption {
  @Option(
      names = "--thin-check",
      description =
          "ask the real thin_check too: about everything (every), a sample (sample), or never"
              + " (off); default: sample where thin_check is installed")
  String mode;

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
    String m = mode == null ? (installed ? "sample" : "off") : mode;
    int every =
        switch (m) {
          case "every" -> 1;
          case "sample" -> sampleEvery;
          case "off" -> 0;
          default ->
              throw new UsageException(
                  "--thin-check must be every, sample or off, got '" + m + "'");
        };
    if (every > 0 && !installed) {
      throw new UsageException("--thin-check " + m + " needs " + missing.missingReason());
    }
    if (mode == null && !installed) {
      stderr.println("note: no second opinion from thin_check: " + missing.missingReason());
    }
    return every;
  }
}
