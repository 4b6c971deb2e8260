package io.powercut.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./powercut}. Exit codes: 0 ok, 1 a finding, 2 usage or environment error.
 */
@Command(
    name = "powercut",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Proves that a storage engine survives power loss.")
public final class Main implements Runnable {
  /** Exit code of a clean run. */
  public static final int OK = 0;

  /** Exit code when a violation, corruption or other finding was reported. */
  public static final int FINDING = 1;

  /** Exit code for bad flags, unreadable input or a missing tool. */
  public static final int USAGE = 2;

  /** The subcommands by name, in the order the help lists them. */
  private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("help", CommandLine.HelpCommand.class);
    COMMANDS.put("restore", RestoreCommand.class);
    COMMANDS.put("dump", DumpCommand.class);
    COMMANDS.put("check", CheckCommand.class);
    COMMANDS.put("explore", ExploreCommand.class);
    COMMANDS.put("report", ReportCommand.class);
    COMMANDS.put("replay", ReplayCommand.class);
    COMMANDS.put("bugs", BugsCommand.class);
    COMMANDS.put("fuzz", FuzzCommand.class);
  }

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
    return commandLine(args).execute(args);
  }

  /** The whole command line, every subcommand's model built. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for {@code args}: when the first names a subcommand other than help, only that
   * subcommand's model is built. picocli builds each by reflection, which took more than a tenth of
   * a second for all of them, most of a small restore's or check's time.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    Class<?> only = args.length > 0 && !args[0].equals("help") ? COMMANDS.get(args[0]) : null;
    for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
      if (only == null || c.getValue() == only) {
        cl.addSubcommand(c.getKey(), c.getValue());
      }
    }
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
