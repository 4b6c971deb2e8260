package io.powercut.reports;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * A summary of a sample (e.g. the seeded bugs' times to first detection): count, quartiles, 90th
 * percentile and extremes, by commons-math3's default percentile estimate.
 */
public record Distribution(
    long n, double min, double p25, double median, double p75, double p90, double max) {

  /** The summary of {@code values}; all fields but {@code n} are NaN when there is none. */
  public static Distribution of(double[] values) {
    DescriptiveStatistics s = new DescriptiveStatistics(values);
    return new Distribution(
        s.getN(),
        s.getMin(),
        s.getPercentile(25),
        s.getPercentile(50),
        s.getPercentile(75),
        s.getPercentile(90),
        s.getMax());
  }
}
