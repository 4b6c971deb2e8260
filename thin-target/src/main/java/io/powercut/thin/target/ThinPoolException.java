package io.powercut.thin.target;

import java.io.IOException;

/** An IO the pool or one of its volumes cannot serve, with the reason as a type. */
public final class ThinPoolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the IO failed. */
  public enum Reason {
    /** A write needs a new data block and there is none ({@code -ENOSPC}). */
    NO_DATA_SPACE,
    /** The pool is read-only after a metadata failure and this IO would change the metadata. */
    READ_ONLY,
    /** The pool has failed: every IO is refused. */
    FAILED,
    /** This IO's metadata operation failed: the pool is now read-only (or failed). */
    METADATA_IO,
    /** An IO of the data device failed; the mapping is as before the IO. */
    DATA_IO,
    /** A flush or FUA after an abort threw away this volume's changes: they are lost. */
    ABORTED_CHANGES
  }

  private final Reason reason;

  public ThinPoolException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public ThinPoolException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
