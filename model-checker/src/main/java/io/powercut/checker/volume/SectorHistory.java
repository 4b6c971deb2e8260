package io.powercut.checker.volume;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One sector of one volume: its content as of the last completed flush (or FUA of this sector),
 * every content written since (a discard writes {@link SectorContent#ZEROS}), and every version it
 * ever held, which tells a stale version of this sector from someone else's data.
 */
final class SectorHistory {
  /** A bound on versions pending between two flushes, so a runaway workload fails loudly. */
  static final int MAX_PENDING = 1 << 16;

  private SectorContent durable;
  private final List<SectorContent> pending = new ArrayList<>();
  private final Set<SectorContent> ever = new HashSet<>();

  private SectorHistory(SectorContent durable) {
    this.durable = durable;
    ever.add(durable);
  }

  /** A sector never written: zeros. */
  static SectorHistory fresh() {
    return new SectorHistory(SectorContent.ZEROS);
  }

  /**
   * A snapshot's copy: durable with this sector's latest completed content (see {@link
   * VolumeContentModel#createSnapshot}), and its history, so an old version read is stale, not
   * foreign.
   */
  SectorHistory snapshotCopy() {
    SectorHistory copy = new SectorHistory(latest());
    copy.ever.addAll(ever);
    return copy;
  }

  void write(SectorContent content) {
    if (pending.size() >= MAX_PENDING) {
      throw new IllegalStateException(
          "sector history: expected at most " + MAX_PENDING + " writes between flushes");
    }
    pending.add(content);
    ever.add(content);
  }

  /** A FUA write: durable on completion, and it supersedes every earlier pending version. */
  void writeDurable(SectorContent content) {
    pending.clear();
    durable = content;
    ever.add(content);
  }

  void flush() {
    durable = latest();
    pending.clear();
  }

  SectorContent durable() {
    return durable;
  }

  SectorContent latest() {
    return pending.isEmpty() ? durable : pending.get(pending.size() - 1);
  }

  /** What a read after a power cut may return: the durable content or any written since. */
  List<SectorContent> allowed() {
    Set<SectorContent> allowed = new LinkedHashSet<>();
    allowed.add(durable);
    allowed.addAll(pending);
    return List.copyOf(allowed);
  }

  boolean everHeld(SectorContent content) {
    return ever.contains(content);
  }

  /** Whether nothing but zeros was ever written here (nor inherited). */
  boolean neverWritten() {
    return ever.size() == 1 && ever.contains(SectorContent.ZEROS);
  }
}
