package io.powercut.checker.volume;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A sector of a recovered volume that read what the block-device contract does not allow: which
 * sector, what it may read ({@code allowed}, of which {@code flushed} is the durable one), what it
 * read, and the kind of violation.
 */
public record SectorVerdict(
    long volume,
    long sector,
    Kind kind,
    List<SectorContent> allowed,
    SectorContent flushed,
    SectorContent read) {

  /** The kinds of wrong read, from the most to the least specific cause. */
  public enum Kind {
    /** A sector flushed or FUA'd with a version reads zeros or an older version of itself. */
    LOST_FLUSHED_WRITE,
    /** A version this sector once held, but not one allowed now (e.g. discarded and flushed). */
    WRONG_VERSION,
    /** Data another volume wrote (live or deleted), outside this volume's snapshot lineage. */
    LEAK_FROM_OTHER_VOLUME,
    /** Data this volume (or its lineage) wrote to another sector: a reused block's old owner. */
    STALE_FROM_EARLIER_OWNER,
    /** Neither zeros nor an intact stamp, where the sector was written. */
    GARBAGE,
    /** A sector never written reads something other than zeros that no volume wrote. */
    NONZERO_NEVER_WRITTEN
  }

  public SectorVerdict {
    allowed = List.copyOf(allowed);
    if (allowed.isEmpty() || !allowed.contains(flushed) || allowed.contains(read)) {
      throw new IllegalArgumentException(
          "verdict: expected allowed contents including the flushed one and not the read one, got"
              + " allowed "
              + allowed
              + ", flushed "
              + flushed
              + ", read "
              + read);
    }
  }

  /** One line: "volume 2 sector 17: expected version 3 or 4 (flushed 3), got version 1 (...)". */
  public String message() {
    String expected =
        allowed.stream().map(c -> c.describe(volume, sector)).collect(Collectors.joining(" or "));
    String flushedPart =
        allowed.size() > 1 ? " (flushed " + flushed.describe(volume, sector) + ")" : "";
    return "volume "
        + volume
        + " sector "
        + sector
        + ": expected "
        + expected
        + flushedPart
        + ", got "
        + read.describe(volume, sector)
        + " ("
        + kind
        + ")";
  }

  @Override
  public String toString() {
    return message();
  }
}
