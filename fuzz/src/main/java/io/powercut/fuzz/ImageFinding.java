package io.powercut.fuzz;

import java.nio.file.Path;

/**
 * A saved finding: the minimized image, and the report beside it.
 *
 * @param image the minimized image file
 * @param hits how many cases of the campaign failed with the same signature
 */
public record ImageFinding(
    Failure failure, Case minimized, int originalMutations, Path image, long hits) {
  /** The command that judges the saved image again. */
  public String replayCommand(FuzzTarget target) {
    return "./powercut fuzz" + target.flag() + " --replay " + image;
  }
}
