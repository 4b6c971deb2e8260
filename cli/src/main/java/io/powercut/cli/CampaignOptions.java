package io.powercut.cli;

import io.powercut.property.Seeds;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every campaign command (explore, bugs, fuzz) shares: a picocli mixin. */
final class CampaignOptions {
  @Option(names = "--seed", description = "campaign seed, decimal or 0x-hex (default: 1)")
  String seed = "1";

  @Option(names = "--threads", description = "work on this many threads at once (default: cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "write the results to DIR/results.jsonl as the run goes, then the HTML report to"
              + " DIR/index.html (see `report`)")
  Path report;

  long seed() throws UsageException {
    try {
      return Seeds.parse(seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--seed: " + e.getMessage());
    }
  }

  int threads() {
    return Math.max(1, threads);
  }
}
