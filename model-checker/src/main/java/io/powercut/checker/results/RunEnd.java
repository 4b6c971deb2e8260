package io.powercut.checker.results;

import io.powercut.checker.CampaignResult;

/**
 * A campaign ended.
 *
 * @param run the run id
 * @param elapsedMillis the campaign's wall time
 * @param stats every counter of the campaign
 */
public record RunEnd(String run, long elapsedMillis, StatsRecord stats) implements ResultRecord {

  public static RunEnd of(String run, CampaignResult<?> result) {
    return new RunEnd(run, result.elapsed().toMillis(), StatsRecord.of(result.stats()));
  }
}
