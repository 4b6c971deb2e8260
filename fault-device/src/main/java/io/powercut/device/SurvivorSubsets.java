package io.powercut.device;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The survivor subsets a crash enumeration considers, as flags over {@code n} losable items in log
 * order, whatever the items are: unflushed block writes ({@link CrashStateEnumerator}) or pending
 * file operations (the file-level enumerator above this module). One policy, so that both levels
 * bound their work the same way:
 *
 * <ul>
 *   <li>drop off: only the set where every item survives;
 *   <li>up to {@link EnumerationOptions#bound()} items: every subset, in ascending bit-mask order
 *       (bit {@code i} is item {@code i});
 *   <li>beyond: every in-order prefix, every all-but-one, each family thinned to at most {@link
 *       EnumerationOptions#samples()} evenly spaced members, then {@link
 *       EnumerationOptions#samples()} random subsets, each with its own survival probability.
 * </ul>
 *
 * Random subsets draw from the caller's generator only, so the same generator state gives the same
 * subsets in the same order.
 */
public final class SurvivorSubsets {
  private SurvivorSubsets() {}

  /**
   * Offers every subset of {@code n} items the policy considers to {@code sink} (a fresh array each
   * time) and returns whether that was every subset.
   */
  public static boolean enumerate(
      int n, EnumerationOptions options, SplittableRandom random, Consumer<boolean[]> sink) {
    if (n < 0) {
      throw new IllegalArgumentException("expected a non-negative item count, got " + n);
    }
    if (!options.drop()) {
      sink.accept(all(n));
      return true;
    }
    if (n <= options.bound()) {
      for (int mask = 0; mask < 1 << n; mask++) {
        boolean[] survive = new boolean[n];
        for (int i = 0; i < n; i++) {
          survive[i] = (mask >>> i & 1) != 0;
        }
        sink.accept(survive);
      }
      return true;
    }
    for (int length : evenlySpaced(n + 1, options.samples())) {
      boolean[] survive = new boolean[n];
      Arrays.fill(survive, 0, length, true);
      sink.accept(survive);
    }
    for (int lost : evenlySpaced(n, options.samples())) {
      boolean[] survive = all(n);
      survive[lost] = false;
      sink.accept(survive);
    }
    for (int s = 0; s < options.samples(); s++) {
      sink.accept(random(n, random.nextDouble(), random));
    }
    return false;
  }

  /** Each of {@code n} items survives with {@code probability}. */
  public static boolean[] random(int n, double probability, SplittableRandom random) {
    boolean[] survive = new boolean[n];
    for (int i = 0; i < n; i++) {
      survive[i] = random.nextDouble() < probability;
    }
    return survive;
  }

  /** At most {@code count} members of [0, size), evenly spaced, always including both ends. */
  public static int[] evenlySpaced(int size, int count) {
    if (size <= count) {
      return IntStream.range(0, size).toArray();
    }
    if (count == 1) {
      return new int[] {size - 1};
    }
    int[] picks = new int[count];
    for (int j = 0; j < count; j++) {
      picks[j] = (int) ((long) j * (size - 1) / (count - 1));
    }
    return picks;
  }

  private static boolean[] all(int n) {
    boolean[] survive = new boolean[n];
    Arrays.fill(survive, true);
    return survive;
  }
}
