package io.powercut.pdata;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A space map has no free block left. Running out of space is a result the caller handles (the
 * operation fails and changes nothing), not a crash.
 */
public final class NoSpaceException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Which space ran out. */
  public enum Space {
    METADATA,
    DATA;

    /** The word messages use: "metadata" or "data". */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Space space;

  public NoSpaceException(Space space) {
    super("no free " + space.word() + " blocks");
    this.space = Objects.requireNonNull(space, "space");
  }

  public Space space() {
    return space;
  }
}
