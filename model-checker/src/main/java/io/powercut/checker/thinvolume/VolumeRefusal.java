package io.powercut.checker.thinvolume;

import io.powercut.checker.Refusal;

/** Why the thin-volume engine refused an operation. */
public enum VolumeRefusal implements Refusal {
  /** The operation names a volume (or origin) that does not exist. */
  NO_SUCH_VOLUME,
  /** A create or snapshot names an id already in use. */
  VOLUME_EXISTS,
  /** A write or discard names blocks beyond the end of the volume. */
  OUT_OF_RANGE,
  /** A write needs a data block and the pool has none ({@code -ENOSPC}). */
  NO_DATA_SPACE;

  @Override
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
