package io.powercut.checker.volume;

/**
 * What one 512-byte sector holds, as {@link SectorStamp#decode} reads it: zeros, a stamped version
 * (the write {@code seq} of {@code volume}'s {@code sector}), or garbage (anything else).
 */
public sealed interface SectorContent {
  /** The sector of a fresh or discarded block: all zeros. */
  Zeros ZEROS = new Zeros();

  /** Garbage: neither zeros nor an intact stamp (never written by the model, torn, or rotted). */
  Garbage GARBAGE = new Garbage();

  /** How a verdict names it, seen from {@code volume}'s {@code sector}. */
  String describe(long volume, long sector);

  /** All zeros. */
  record Zeros() implements SectorContent {
    @Override
    public String describe(long volume, long sector) {
      return "zeros";
    }
  }

  /** Not zeros and not an intact stamp. */
  record Garbage() implements SectorContent {
    @Override
    public String describe(long volume, long sector) {
      return "garbage";
    }
  }

  /** Version {@code seq}, written by {@code volume} to its {@code sector}. */
  record Stamp(long volume, long sector, long seq) implements SectorContent {
    public Stamp {
      if (volume < 0 || sector < 0 || seq < 0) {
        throw new IllegalArgumentException(
            "stamp: expected non-negative volume, sector and seq, got " + this);
      }
    }

    /** "version 5" for this very sector, else "volume 1's version 5 of sector 9". */
    @Override
    public String describe(long ofVolume, long ofSector) {
      if (ofVolume == volume && ofSector == sector) {
        return "version " + seq;
      }
      return "volume " + volume + "'s version " + seq + " of sector " + sector;
    }
  }
}
