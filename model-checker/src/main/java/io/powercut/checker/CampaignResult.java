package io.powercut.checker;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a campaign: its counters and the (shrunk) first violation, if any, typed and as
 * the reproducer it is written as.
 */
public record CampaignResult<O>(
    CampaignStats stats,
    Optional<Finding<O>> finding,
    Optional<Reproducer> reproducer,
    Duration elapsed) {
  /** Crash states judged per second of wall time. */
  public double statesPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : stats.statesChecked() / s;
  }
}
