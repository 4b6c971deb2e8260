package io.powercut.checker.thin;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mutable pool inside {@link ThinModel}: one copy pending, one as of the last commit. A copy
 * shares the large parts (each device's mappings, the reference counts) until either side changes
 * them: a commit or an abort copies the pool, and most devices have not changed since the last.
 */
final class MutablePoolState {
  long transactionId;
  long time;
  long dataBlocks;
  boolean metadataSnapshot;
  boolean needsCheck;
  final TreeMap<Long, MutableDevice> devices = new TreeMap<>();

  /** Allocated, not yet mapped; the next writes use them first. */
  final ArrayDeque<Long> held = new ArrayDeque<>();

  /** Allocated and never to be mapped: lost in-flight allocations. */
  final TreeSet<Long> leaked = new TreeSet<>();

  /** Data blocks the held metadata snapshot's trees still reference. */
  final TreeSet<Long> snapshotRefs = new TreeSet<>();

  /** Mappings referencing each data block, over all devices; shared with a copy until changed. */
  private Map<Long, Integer> refs = new HashMap<>();

  private boolean refsShared;

  MutablePoolState(long dataBlocks) {
    this.dataBlocks = dataBlocks;
  }

  static final class MutableDevice {
    final long transactionId;
    final long creationTime;
    long snapshottedTime;
    private TreeMap<Long, Long> mappings;
    private boolean shared;

    MutableDevice(
        long transactionId, long creationTime, long snapshottedTime, TreeMap<Long, Long> m) {
      this.transactionId = transactionId;
      this.creationTime = creationTime;
      this.snapshottedTime = snapshottedTime;
      this.mappings = m;
    }

    /** The mappings, to read only. */
    TreeMap<Long, Long> mappings() {
      return mappings;
    }

    /** The mappings, to change: copied first if another state shares them. */
    TreeMap<Long, Long> writableMappings() {
      if (shared) {
        mappings = new TreeMap<>(mappings);
        shared = false;
      }
      return mappings;
    }

    MutableDevice copy() {
      return sharing(transactionId, creationTime, snapshottedTime);
    }

    /** A device with these mappings (a copy, or a snapshot), shared until either side changes. */
    MutableDevice sharing(long transactionId, long creationTime, long snapshottedTime) {
      MutableDevice d = new MutableDevice(transactionId, creationTime, snapshottedTime, mappings);
      shared = true;
      d.shared = true;
      return d;
    }
  }

  MutablePoolState copy() {
    MutablePoolState p = new MutablePoolState(dataBlocks);
    p.transactionId = transactionId;
    p.time = time;
    p.metadataSnapshot = metadataSnapshot;
    p.needsCheck = needsCheck;
    devices.forEach((id, d) -> p.devices.put(id, d.copy()));
    p.held.addAll(held);
    p.leaked.addAll(leaked);
    p.snapshotRefs.addAll(snapshotRefs);
    p.refs = refs;
    refsShared = true;
    p.refsShared = true;
    return p;
  }

  private Map<Long, Integer> writableRefs() {
    if (refsShared) {
      refs = new HashMap<>(refs);
      refsShared = false;
    }
    return refs;
  }

  boolean inUse(long b) {
    return refs.containsKey(b)
        || held.contains(b)
        || leaked.contains(b)
        || snapshotRefs.contains(b);
  }

  /** Takes or drops the metadata snapshot, which keeps the data blocks mapped now in use. */
  void setMetadataSnapshot(boolean held) {
    metadataSnapshot = held;
    snapshotRefs.clear();
    if (held) {
      snapshotRefs.addAll(refs.keySet());
    }
  }

  /** Blocks an allocation may return: free now and free at the last commit. */
  long allocatableBlocks(MutablePoolState committed) {
    long n = 0;
    for (long b = 0; b < dataBlocks; b++) {
      if (!inUse(b) && !committed.inUse(b)) {
        n++;
      }
    }
    return n;
  }

  void createThin(long dev) {
    devices.put(dev, new MutableDevice(transactionId, time, time, new TreeMap<>()));
  }

  void createSnap(long dev, long origin) {
    MutableDevice o = devices.get(origin);
    time++;
    o.snapshottedTime = time;
    devices.put(dev, o.sharing(transactionId, time, time));
    Map<Long, Integer> r = writableRefs();
    for (long packed : o.mappings.values()) {
      r.merge(packed >>> 24, 1, Integer::sum);
    }
  }

  void delete(long dev) {
    for (long packed : devices.remove(dev).mappings.values()) {
      unref(packed >>> 24);
    }
  }

  boolean isMapped(long dev, long vblock) {
    return devices.get(dev).mappings.containsKey(vblock);
  }

  /** -1 if unmapped, else the data block times two plus one if it may be shared. */
  long lookup(long dev, long vblock) {
    MutableDevice d = devices.get(dev);
    Long packed = d.mappings.get(vblock);
    if (packed == null) {
      return -1;
    }
    boolean shared = (packed & 0xFFFFFF) < d.snapshottedTime;
    return (packed >>> 24) * 2 + (shared ? 1 : 0);
  }

  void map(long dev, long vblock, long dataBlock) {
    Long old = devices.get(dev).writableMappings().put(vblock, PoolState.mapping(dataBlock, time));
    if (old != null) {
      unref(old >>> 24);
    }
    writableRefs().merge(dataBlock, 1, Integer::sum);
  }

  void remove(long dev, long vblock) {
    Long old = devices.get(dev).writableMappings().remove(vblock);
    if (old != null) {
      unref(old >>> 24);
    }
  }

  private void unref(long b) {
    writableRefs().computeIfPresent(b, (k, n) -> n == 1 ? null : n - 1);
  }

  /** Held allocations are lost: a reopen or an abort forgets them, the space map does not. */
  void dropHeld() {
    leaked.addAll(held);
    held.clear();
  }

  /** The state as a record; a data block is in use if mapped, held, leaked or snapshot-kept. */
  PoolState toState() {
    TreeMap<Long, PoolState.Device> out = new TreeMap<>();
    devices.forEach(
        (id, d) ->
            out.put(
                id,
                new PoolState.Device(
                    d.mappings.size(),
                    d.transactionId,
                    d.creationTime,
                    d.snapshottedTime,
                    Mappings.of(d.mappings))));
    TreeSet<Long> lost = new TreeSet<>(leaked);
    lost.addAll(held);
    // In use: mapped, lost or snapshot-kept; counted without building the union (refs is large).
    long used = refs.size();
    for (Long b : lost) {
      if (!refs.containsKey(b)) {
        used++;
      }
    }
    for (Long b : snapshotRefs) {
      if (!refs.containsKey(b) && !lost.contains(b)) {
        used++;
      }
    }
    return new PoolState(
        transactionId,
        time,
        dataBlocks,
        dataBlocks - used,
        metadataSnapshot,
        needsCheck,
        out,
        lost);
  }
}
