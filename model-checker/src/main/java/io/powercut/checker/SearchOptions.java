package io.powercut.checker;

import io.powercut.device.EnumerationOptions;

/**
 * How a {@link CrashSearch} looks at each crash point.
 *
 * @param enumeration which crash states to enumerate (bound, samples, fault classes, seed)
 * @param merge whether to merge states that cannot recover differently (see {@link CrashSearch})
 * @param secondOpinionEvery ask the subject's second judge about every Nth recovered state (0:
 *     never)
 */
public record SearchOptions(EnumerationOptions enumeration, boolean merge, int secondOpinionEvery) {
  public static SearchOptions defaults(long seed) {
    return new SearchOptions(EnumerationOptions.seeded(seed), true, 0);
  }

  public SearchOptions withMerge(boolean m) {
    return new SearchOptions(enumeration, m, secondOpinionEvery);
  }

  public SearchOptions withSecondOpinionEvery(int every) {
    return new SearchOptions(enumeration, merge, every);
  }

  public SearchOptions withEnumeration(EnumerationOptions e) {
    return new SearchOptions(e, merge, secondOpinionEvery);
  }
}
