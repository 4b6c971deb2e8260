package io.powercut.reports;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The exact (Clopper-Pearson) one-sided upper confidence bound on a probability, from the Beta
 * distribution: after {@code n} crash states with {@code x} violations, the probability that a
 * random state violates the guarantee is below the bound with the given confidence. With no
 * violation at 95% it is {@code 1 - 0.05^(1/n)}, about {@code 3/n} (the "rule of three").
 */
public final class ClopperPearson {
  /** Absolute accuracy of the inverse Beta: the bounds go down to 1e-9 and below. */
  private static final double ACCURACY = 1e-17;

  private ClopperPearson() {}

  /**
   * @param failures violations seen
   * @param trials crash states judged
   * @param confidence e.g. 0.95
   * @return the upper bound, 1 when there is no trial (nothing is known)
   */
  public static double upperBound(long failures, long trials, double confidence) {
    if (failures < 0 || failures > trials || confidence <= 0 || confidence >= 1) {
      throw new IllegalArgumentException(
          failures + " failures in " + trials + " trials at confidence " + confidence);
    }
    if (failures == trials) {
      return 1;
    }
    return new BetaDistribution(null, failures + 1, trials - failures, ACCURACY)
        .inverseCumulativeProbability(confidence);
  }
}
