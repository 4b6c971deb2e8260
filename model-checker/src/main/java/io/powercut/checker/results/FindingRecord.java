package io.powercut.checker.results;

import java.nio.file.Path;
import java.util.List;

/**
 * A (shrunk) violation of a campaign.
 *
 * @param run the run id
 * @param kind {@code live} or {@code crash}
 * @param fault the fault class of the crash state
 * @param subject the engine with its parameters and seeded bugs
 * @param ioFault the injected IO error, or {@code none}
 * @param ops the operations, as codec text
 * @param crashState the crash state token ("" for a live violation)
 * @param message what was wrong
 * @param reproducer the reproducer file's text, so a report stands alone
 * @param reproduce the command that replays it
 */
public record FindingRecord(
    String run,
    String kind,
    String fault,
    String subject,
    String ioFault,
    List<String> ops,
    String crashState,
    String message,
    String reproducer,
    String reproduce)
    implements ResultRecord {

  public FindingRecord {
    ops = ops == null ? List.of() : List.copyOf(ops);
  }

  /** The command line that replays a reproducer file. */
  public static String replayCommand(Path file) {
    return "./powercut replay " + file;
  }
}
