package io.powercut.checker.results;

import java.util.Map;

/**
 * A run begins.
 *
 * @param run the run id, unique within its file
 * @param command what ran: {@code explore}, {@code bugs}, {@code fuzz}, or a test's name
 * @param subject the engine under test with its parameters (as in a reproducer's subject line)
 * @param seed the campaign seed, as {@code Seeds.format} prints it
 * @param shard this run's shard, {@code K/N}
 * @param options the remaining settings, by flag name, for the report's run table
 */
public record RunStart(
    String run,
    String command,
    String subject,
    String seed,
    String shard,
    Map<String, String> options)
    implements ResultRecord {}
