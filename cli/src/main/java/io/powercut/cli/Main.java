package io.powercut.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./powercut}. Exit codes: 0 ok, 1 a finding, 2 usage or environment error.
 */
@Command(
    name = "powercut",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Proves that a storage engine survives power loss.",
    subcommands = {
      CommandLine.HelpCommand.class,
      RestoreCommand.class,
      DumpCommand.class,
      CheckCommand.class,
      ExploreCommand.class,
      ReportCommand.class,
      ReplayCommand.class,
      BugsCommand.class,
      FuzzCommand.class,
    })
public final class Main implements Runnable {
  /** Exit code of a clean run. */
  public static final int OK = 0;

  /** Exit code when a violation, corruption or other finding was reported. */
  public static final int FINDING = 1;

  /** Exit code for bad flags, unreadable input or a missing tool. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code; never calls {@code System.exit}. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? USAGE : FINDING);
    return cl;
  }

  /** Reads the version from the jar manifest, falling back to "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"powercut " + (v == null ? "dev" : v)};
    }
  }
}
