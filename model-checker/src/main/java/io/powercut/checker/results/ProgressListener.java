package io.powercut.checker.results;

import java.time.Duration;

/**
 * Told how a campaign is going, every few seconds and once at its end. The campaign fills the
 * counters; a listener prints them, samples them into a results file, or ignores them.
 */
@FunctionalInterface
public interface ProgressListener {
  void progress(StatsRecord stats, Duration elapsed);

  ProgressListener NONE = (s, e) -> {};
}
