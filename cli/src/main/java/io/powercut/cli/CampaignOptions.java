package io.powercut.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/** The options every campaign command (explore, bugs, fuzz) takes: a mixin of mixins. */
final class CampaignOptions {
  @Mixin SeedOption seed;

  @Mixin ThreadsOption threads;

  @Mixin ReportOption report;

  long seed() throws UsageException {
    return seed.value();
  }

  int threads() {
    return threads.value();
  }

  /** The {@code --report} directory; null without it. */
  Path reportDir() {
    return report.dir;
  }
}
