package io.powercut.checker.results;

/**
 * The totals of a fuzz run.
 *
 * @param run the run id
 * @param target what was fuzzed (e.g. {@code check}, {@code dump})
 * @param images images tried
 * @param elapsedMillis the run's wall time
 * @param findings findings reported (each also a {@code fuzz_finding} record)
 */
public record FuzzSummary(String run, String target, long images, long elapsedMillis, long findings)
    implements ResultRecord {

  public double imagesPerSecond() {
    return elapsedMillis <= 0 ? 0 : images * 1000.0 / elapsedMillis;
  }
}
