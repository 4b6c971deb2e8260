package io.powercut.checker.results;

/**
 * The first line of every results file.
 *
 * @param format the format version (see {@link ResultsFormat#VERSION})
 */
public record Header(int format) implements ResultRecord {}
