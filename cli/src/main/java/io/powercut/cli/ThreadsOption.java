package io.powercut.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}: how many threads a campaign works on (a mixin). */
final class ThreadsOption {
  @Option(names = "--threads", description = "work on this many threads at once (default: cores)")
  int threads = Runtime.getRuntime().availableProcessors();

  /** At least one. */
  int value() {
    return Math.max(1, threads);
  }
}
