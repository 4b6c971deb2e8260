package io.powercut.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --debug}, which every command takes: a picocli mixin. */
final class DebugOption {
  @Option(names = "--debug", description = "show the stack trace of an error")
  boolean enabled;

  /**
   * Reports the failure of {@code command} on its stderr, with the stack trace under {@code
   * --debug}; returns the exit code (see {@link Errors}).
   */
  int report(CommandSpec command, Throwable e) {
    return Errors.report(command.name(), e, command.commandLine().getErr(), enabled);
  }
}
