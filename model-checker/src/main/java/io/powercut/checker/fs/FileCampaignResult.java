package io.powercut.checker.fs;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.results.RunEnd;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a file-level campaign: its counters and the (shrunk) first violation, if any,
 * typed and as the reproducer it is written as; the sibling of {@link
 * io.powercut.checker.CampaignResult}, whose finding is a block one.
 */
public record FileCampaignResult<O>(
    CampaignStats stats,
    Optional<FileFinding<O>> finding,
    Optional<FileReproducer> reproducer,
    Duration elapsed) {
  /** Crash states judged per second of wall time. */
  public double statesPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : stats.statesChecked() / s;
  }

  /** The {@code end} record of run {@code run}. */
  public RunEnd endRecord(String run) {
    return new RunEnd(run, elapsed.toMillis(), stats.toRecord());
  }
}
