package io.powercut.property.junit;

import io.powercut.property.Seeds;
import java.util.Optional;
import java.util.function.Function;

/**
 * The seeds one property or test template runs: its coded defaults, overridden by settings (system
 * properties or JUnit configuration parameters) so that a campaign or a reproduction needs no code
 * change. A blank setting counts as absent, so scripts can pass {@code -Dpowercut.seed=}.
 */
final class SeedPlan {
  /** Runs exactly this seed, once: what a reproduce line sets. */
  static final String SEED = "powercut.seed";

  /** Overrides the number of seeds, for longer campaigns. */
  static final String SEEDS = "powercut.seeds";

  /** Overrides the base seed from which the run's seeds are derived. */
  static final String BASE_SEED = "powercut.baseSeed";

  private final long base;
  private final int size;
  private final Long only;

  private SeedPlan(long base, int size, Long only) {
    this.base = base;
    this.size = size;
    this.only = only;
  }

  /**
   * @param settings looks a setting up by name, returning {@code null} when it is not set
   */
  static SeedPlan resolve(int defaultCount, long defaultBase, Function<String, String> settings) {
    Optional<String> seed = setting(settings, SEED);
    if (seed.isPresent()) {
      return new SeedPlan(defaultBase, 1, parseSeed(SEED, seed.get()));
    }
    int count = setting(settings, SEEDS).map(SeedPlan::parseCount).orElse(defaultCount);
    long base = setting(settings, BASE_SEED).map(s -> parseSeed(BASE_SEED, s)).orElse(defaultBase);
    return new SeedPlan(base, checkCount(SEEDS, count), null);
  }

  /** Looks a setting up, treating blank as absent. */
  static Optional<String> setting(Function<String, String> settings, String name) {
    return Optional.ofNullable(settings.apply(name)).filter(s -> !s.isBlank());
  }

  /** Validates a seed count from code or from a setting. */
  static int checkCount(String what, int count) {
    if (count < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + count);
    }
    return count;
  }

  int size() {
    return size;
  }

  /** The seed of trial {@code index}, from 0 to {@link #size()} - 1. */
  long seed(int index) {
    return only != null ? only : Seeds.derive(base, index);
  }

  private static long parseSeed(String name, String text) {
    try {
      return Seeds.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static int parseCount(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SEEDS + " must be a positive integer, got '" + text + "'");
    }
  }
}
