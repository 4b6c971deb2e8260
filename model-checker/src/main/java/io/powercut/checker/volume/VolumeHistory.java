package io.powercut.checker.volume;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sectors of one volume incarnation (a deleted id created again is a new one), only those ever
 * written or inherited; and its snapshot ancestors, whose data it may legitimately hold. Identity
 * is the incarnation: two histories are never equal.
 */
final class VolumeHistory {
  private final long id;
  private final Set<VolumeHistory> ancestors;
  private final Map<Long, SectorHistory> sectors = new HashMap<>();

  private VolumeHistory(long id, Set<VolumeHistory> ancestors) {
    this.id = id;
    this.ancestors = ancestors;
  }

  static VolumeHistory fresh(long id) {
    return new VolumeHistory(id, Set.of());
  }

  /** A snapshot of this volume: every sector as {@link SectorHistory#snapshotCopy} copies it. */
  VolumeHistory snapshot(long snapshotId) {
    Set<VolumeHistory> lineage = Collections.newSetFromMap(new IdentityHashMap<>());
    lineage.addAll(ancestors);
    lineage.add(this);
    VolumeHistory snap = new VolumeHistory(snapshotId, Collections.unmodifiableSet(lineage));
    sectors.forEach((sector, history) -> snap.sectors.put(sector, history.snapshotCopy()));
    return snap;
  }

  long id() {
    return id;
  }

  /** Whether one of the two is a snapshot (at any depth) of the other, or they are the same. */
  boolean relatedTo(VolumeHistory other) {
    return other == this || ancestors.contains(other) || other.ancestors.contains(this);
  }

  /** The history of {@code sector}, created fresh (zeros) on first use. */
  SectorHistory sector(long sector) {
    return sectors.computeIfAbsent(sector, s -> SectorHistory.fresh());
  }

  /** The history of {@code sector} without recording it: a fresh one if it was never touched. */
  SectorHistory peek(long sector) {
    SectorHistory h = sectors.get(sector);
    return h == null ? SectorHistory.fresh() : h;
  }

  void flush() {
    sectors.values().forEach(SectorHistory::flush);
  }
}
