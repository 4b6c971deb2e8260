package io.powercut.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where every choice of a mutator comes from: a seeded random source for campaigns, or the fuzzer's
 * bytes under Jazzer, so that coverage guidance steers the same structure-aware choices.
 * Implementations must accept any request and never fail, whatever is left of their input.
 */
public interface Choices {
  /** A number in {@code [0, bound)}; {@code bound} is at least 1. */
  int below(int bound);

  /** Any 64-bit value. */
  long anyLong();

  /** True with probability about {@code percent}/100. */
  default boolean percent(int percent) {
    return below(100) < percent;
  }

  /** One element of a non-empty list. */
  default <T> T pick(List<T> values) {
    return values.get(below(values.size()));
  }

  /** An index drawn with the given relative weights (each at least 0, their sum above 0). */
  default int weighted(int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = below(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Choices drawn from a seeded generator. */
  static Choices seeded(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return new Choices() {
      @Override
      public int below(int bound) {
        return r.nextInt(bound);
      }

      @Override
      public long anyLong() {
        return r.nextLong();
      }
    };
  }
}
