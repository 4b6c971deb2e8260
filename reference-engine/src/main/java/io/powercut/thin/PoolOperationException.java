package io.powercut.thin;

import java.io.IOException;

/**
 * A pool operation that cannot be done as asked (no such device, a device that already exists, a
 * mismatched transaction id...). The pool is unchanged.
 */
public final class PoolOperationException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the operation was refused. */
  public enum Reason {
    DEVICE_EXISTS,
    NO_SUCH_DEVICE,
    BAD_TRANSACTION_ID,
    SNAPSHOT_EXISTS,
    NO_SNAPSHOT,
    SHRINK,
    BAD_DATA_BLOCK,
    BAD_ARGUMENT,
    FAILED,
    BUSY,
    READ_ONLY
  }

  private final Reason reason;

  public PoolOperationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
