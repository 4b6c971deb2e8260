package io.powercut.checker.thin;

import io.powercut.checker.Refusal;
import io.powercut.thin.PoolOperationException;
import java.util.Locale;

/** Why the pool refused an operation: the engine's typed refusals, as the model matches them. */
enum ThinRefusal implements Refusal {
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
  READ_ONLY,
  /** The metadata space map is full (a {@code NoSpaceException} for metadata). */
  NO_METADATA_SPACE,
  /** The data space map is full. */
  NO_DATA_SPACE,
  /** A non-blocking lookup would have had to read a block that is not cached. */
  WOULD_BLOCK,
  /** No handle of the device is open (the harness's own refusal, as the thin target's). */
  NOT_OPEN;

  /** The refusal for each of the engine's reasons, one for one by name. */
  static ThinRefusal of(PoolOperationException.Reason reason) {
    return valueOf(reason.name());
  }

  @Override
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
