package io.powercut.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --report DIR}: where a campaign leaves its results and HTML report (a mixin). */
final class ReportOption {
  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "write the results to DIR/results.jsonl as the run goes, then the HTML report to"
              + " DIR/index.html (see `report`)")
  Path dir;
}
