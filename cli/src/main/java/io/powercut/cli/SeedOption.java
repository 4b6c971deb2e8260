package io.powercut.cli;

import io.powercut.property.Seeds;
import picocli.CommandLine.Option;

/** {@code --seed S}: the seed a campaign derives everything from (a mixin). */
final class SeedOption {
  @Option(names = "--seed", description = "campaign seed, decimal or 0x-hex (default: 1)")
  String seed = "1";

  /** The seed; a malformed one is a usage error. */
  long value() throws UsageException {
    try {
      return Seeds.parse(seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--seed: " + e.getMessage());
    }
  }
}
