package io.powercut.checker.results;

/**
 * One fuzz finding.
 *
 * @param run the run id
 * @param target what was fuzzed
 * @param kind what went wrong (e.g. {@code crash}, {@code timeout}, {@code disagreement})
 * @param message the details
 * @param input the saved input that triggers it
 * @param reproduce the command that reproduces it
 */
public record FuzzFinding(
    String run, String target, String kind, String message, String input, String reproduce)
    implements ResultRecord {}
