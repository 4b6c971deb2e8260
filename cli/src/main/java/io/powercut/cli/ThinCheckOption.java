package io.powercut.cli;

import io.powercut.thin.tools.ThinTools;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --thin-check every|sample|off}: how often to ask the real thin_check too (a mixin). */
final class ThinCheckOption {
  @Option(
      names = "--thin-check",
      description =
          "ask the real thin_check too: about everything (every), a sample (sample), or never"
              + " (off); default: sample where thin_check is installed")
  String mode;

  /**
   * One in how many judged items to ask about (0: never). Asking for thin_check where it is not
   * installed is a usage error; by default its absence only earns a note.
   */
  int every(int sampleEvery, PrintWriter stderr) throws UsageException {
    boolean installed = ThinTools.available("thin_check");
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
      throw new UsageException(
          "--thin-check " + m + " needs thin_check (" + ThinTools.INSTALL + ")");
    }
    if (mode == null && !installed) {
      stderr.println(
          "note: thin_check is not installed, so no second opinion (" + ThinTools.INSTALL + ")");
    }
    return every;
  }
}
