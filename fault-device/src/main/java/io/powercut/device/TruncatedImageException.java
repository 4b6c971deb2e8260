package io.powercut.device;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that does not hold whole blocks: its size is not a positive multiple of the block size, or
 * it shrank under a read. What the file holds is damaged (or was never an image of such blocks), as
 * opposed to an environment error such as a missing file.
 */
public final class TruncatedImageException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  TruncatedImageException(Path path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  /** The file. */
  public Path path() {
    return path;
  }
}
