package io.powercut.checker.volume;

import io.powercut.checker.volume.SectorContent.Garbage;
import io.powercut.checker.volume.SectorContent.Stamp;
import io.powercut.checker.volume.SectorVerdict.Kind;
import java.util.Map;
import java.util.Optional;

/** The judgement of one recovered sector against its history: none if the read is allowed. */
final class SectorJudge {
  private SectorJudge() {}

  /**
   * @param writers who wrote each stamp ever written, so a foreign stamp names its tenant
   */
  static Optional<SectorVerdict> judge(
      VolumeHistory volume, long sector, SectorContent read, Map<Stamp, VolumeHistory> writers) {
    SectorHistory h = volume.peek(sector);
    if (h.allowed().contains(read)) {
      return Optional.empty();
    }
    Kind kind;
    if (read instanceof Stamp s) {
      kind = classifyStamp(volume, sector, h, s, writers.get(s));
    } else if (read instanceof Garbage) {
      kind = h.neverWritten() ? Kind.NONZERO_NEVER_WRITTEN : Kind.GARBAGE;
    } else {
      kind = Kind.LOST_FLUSHED_WRITE; // zeros not allowed: a stamp was durable
    }
    return Optional.of(
        new SectorVerdict(volume.id(), sector, kind, h.allowed(), h.durable(), read));
  }

  private static Kind classifyStamp(
      VolumeHistory volume, long sector, SectorHistory h, Stamp read, VolumeHistory writer) {
    if (h.everHeld(read)) {
      // An older version of this sector: a flushed write lost, or a flushed discard undone.
      return h.durable() instanceof Stamp ? Kind.LOST_FLUSHED_WRITE : Kind.WRONG_VERSION;
    }
    if (writer == null) {
      // A stamp no volume of this model wrote: as good as garbage.
      return h.neverWritten() ? Kind.NONZERO_NEVER_WRITTEN : Kind.GARBAGE;
    }
    if (!writer.relatedTo(volume)) {
      return Kind.LEAK_FROM_OTHER_VOLUME;
    }
    // A snapshot reading its origin's later write of this sector (or the reverse) is a wrong
    // version; its own lineage's data of another sector is a reused block's earlier content.
    return read.sector() == sector ? Kind.WRONG_VERSION : Kind.STALE_FROM_EARLIER_OWNER;
  }
}
