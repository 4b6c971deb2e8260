package io.powercut.thin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a pool should hold, kept the simple way: devices with their details and a map from virtual
 * block to (data block, time), the pool's transaction id and time, whether a metadata snapshot is
 * held (and what it saw), the data device size, and which data blocks are in use. Mappings change
 * only through this class, which keeps the data blocks' reference counts as it goes.
 */
final class ExpectedPool {
  record Map1(long dataBlock, long time) {}

  static final class Device {
    final long transactionId;
    final long creationTime;
    long snapshottedTime;
    final TreeMap<Long, Map1> mappings;

    Device(long transactionId, long creationTime, long snapshottedTime, TreeMap<Long, Map1> m) {
      this.transactionId = transactionId;
      this.creationTime = creationTime;
      this.snapshottedTime = snapshottedTime;
      this.mappings = m;
    }

    Device copy() {
      return new Device(transactionId, creationTime, snapshottedTime, new TreeMap<>(mappings));
    }

    DeviceDetails details() {
      return new DeviceDetails(mappings.size(), transactionId, creationTime, snapshottedTime);
    }

    Mapping mapping(long vblock) {
      Map1 m = mappings.get(vblock);
      return m == null ? null : new Mapping(m.dataBlock(), m.time(), m.time() < snapshottedTime);
    }
  }

  final TreeMap<Long, Device> devices = new TreeMap<>();
  long transactionId;
  long time;
  long dataSize;

  /** The devices the held metadata snapshot saw, or null when none is held. */
  TreeMap<Long, Device> held;

  private Set<Long> heldBlocks = Set.of();

  /** Data blocks allocated whose mapping failed: still in use, mapped by nobody. */
  final Set<Long> orphans = new HashSet<>();

  /** Data blocks allocated since the last commit (the kernel's nr_allocated_this_transaction). */
  long allocatedThisTransaction;

  /** Live mappings per data block. */
  private final HashMap<Long, Integer> refs = new HashMap<>();

  ExpectedPool(long dataSize) {
    this.dataSize = dataSize;
  }

  ExpectedPool copy() {
    ExpectedPool m = new ExpectedPool(dataSize);
    devices.forEach((id, d) -> m.devices.put(id, d.copy()));
    m.transactionId = transactionId;
    m.time = time;
    m.held = held;
    m.heldBlocks = heldBlocks;
    m.orphans.addAll(orphans);
    m.allocatedThisTransaction = allocatedThisTransaction;
    m.refs.putAll(refs);
    return m;
  }

  /** The model as a commit leaves it, and what the next transaction starts from. */
  ExpectedPool committed() {
    ExpectedPool m = copy();
    m.allocatedThisTransaction = 0;
    return m;
  }

  /** Whether a live mapping, the held snapshot or an orphaned allocation uses {@code b}. */
  boolean isUsed(long b) {
    return refs.containsKey(b) || heldBlocks.contains(b) || orphans.contains(b);
  }

  /** Every data block in use. */
  Set<Long> usedDataBlocks() {
    Set<Long> used = new HashSet<>(refs.keySet());
    used.addAll(heldBlocks);
    used.addAll(orphans);
    return used;
  }

  private void ref(long b, int delta) {
    refs.merge(b, delta, (x, y) -> x + y == 0 ? null : x + y);
  }

  void createThin(long dev) {
    devices.put(dev, new Device(transactionId, time, time, new TreeMap<>()));
  }

  void createSnapshot(long dev, long origin) {
    time++;
    Device o = devices.get(origin);
    o.snapshottedTime = time;
    devices.put(dev, new Device(transactionId, time, time, new TreeMap<>(o.mappings)));
    o.mappings.values().forEach(m -> ref(m.dataBlock(), 1));
  }

  void deleteDevice(long dev) {
    devices.remove(dev).mappings.values().forEach(m -> ref(m.dataBlock(), -1));
  }

  /** Maps {@code vblock} to {@code dataBlock} at the current time. */
  void map(long dev, long vblock, long dataBlock) {
    Map1 old = devices.get(dev).mappings.put(vblock, new Map1(dataBlock, time));
    if (old != null) {
      ref(old.dataBlock(), -1);
    }
    ref(dataBlock, 1);
  }

  /** Maps at an explicit time, for building pools to restore. */
  void mapAt(long dev, long vblock, long dataBlock, long at) {
    long now = time;
    time = at;
    map(dev, vblock, dataBlock);
    time = now;
  }

  void unmap(long dev, long vblock) {
    Map1 old = devices.get(dev).mappings.remove(vblock);
    if (old != null) {
      ref(old.dataBlock(), -1);
    }
  }

  /** Takes the metadata snapshot of the devices as they are. */
  void hold() {
    held = new TreeMap<>();
    Set<Long> blocks = new HashSet<>();
    devices.forEach(
        (id, d) -> {
          held.put(id, d.copy());
          d.mappings.values().forEach(m -> blocks.add(m.dataBlock()));
        });
    heldBlocks = blocks;
  }

  void release() {
    held = null;
    heldBlocks = Set.of();
  }
}
