package io.powercut.engine.h2;

/** An H2 release the subject was asked for cannot be run here: its jar or driver is missing. */
public final class H2ReleaseUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public H2ReleaseUnavailableException(String message) {
    super(message);
  }

  public H2ReleaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
