package io.powercut.checker.results;

import java.time.Duration;

/**
 * A campaign's running counters at one moment.
 *
 * @param run the run id
 * @param elapsedMillis time since the run started
 * @param workloads workloads finished
 * @param crashPoints crash points searched
 * @param statesChecked crash states judged, merged or not
 * @param violations violations so far
 */
public record ProgressSample(
    String run,
    long elapsedMillis,
    long workloads,
    long crashPoints,
    long statesChecked,
    long violations)
    implements ResultRecord {

  public static ProgressSample of(String run, StatsRecord s, Duration elapsed) {
    return new ProgressSample(
        run, elapsed.toMillis(), s.workloads(), s.crashPoints(), s.statesChecked(), s.violations());
  }
}
