package io.powercut.pdata;

import java.io.IOException;

/**
 * A space map has no free block left. Running out of space is a result the caller handles (the
 * operation fails and changes nothing), not a crash.
 */
public final class NoSpaceException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String what;

  public NoSpaceException(String what) {
    super("no free " + what + " blocks");
    this.what = what;
  }

  /** Which space ran out: "metadata" or "data". */
  public String what() {
    return what;
  }
}
