package io.powercut.checker.results;

/**
 * A campaign ended.
 *
 * @param run the run id
 * @param elapsedMillis the campaign's wall time
 * @param stats every counter of the campaign
 */
public record RunEnd(String run, long elapsedMillis, StatsRecord stats) implements ResultRecord {}
