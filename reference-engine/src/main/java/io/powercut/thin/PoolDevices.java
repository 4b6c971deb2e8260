package io.powercut.thin;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTree;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Thin device operations on the running transaction: create, snapshot, delete, list. The caller
 * ({@link PoolMetadata}) holds the pool's lock and runs each change inside {@link
 * PoolGuard#change}.
 */
final class PoolDevices {
  private final PoolTransaction t;

  PoolDevices(PoolTransaction t) {
    this.t = t;
  }

  /** Creates an empty thin device. */
  void createThin(long dev) throws IOException {
    create(dev, new DeviceDetails(0, t.transactionId, t.time, t.time));
  }

  /**
   * Creates an empty device with the given details; a restore's mapped_blocks grows as its mappings
   * arrive.
   */
  void create(long dev, DeviceDetails details) throws IOException {
    assert details != null;
    checkNewDevice(dev);
    t.reserveMetadata();
    t.setDeviceTree(dev, t.trees.deviceMappings().empty());
    t.putDetails(dev, details.withMappedBlocks(0));
  }

  /**
   * Creates {@code dev} as a snapshot of {@code origin}: it shares the origin's mapping tree, and
   * the pool time advances so that later lookups report the shared blocks as shared.
   */
  void createSnapshot(long dev, long origin) throws IOException {
    checkNewDevice(dev);
    DeviceDetails originDetails = t.requireDevice(origin);
    t.reserveMetadata();
    byte[] originRoot = t.trees.topLevel().lookup(t.mappingRoot, origin);
    if (originRoot == null) {
      throw new CorruptMetadataException(
          t.mappingRoot,
          "device in mapping tree",
          "device " + origin + " has details but no mapping tree",
          "mapping tree");
    }
    long root = Le.u64(originRoot, 0);
    t.trees.tm().inc(root);
    t.setDeviceTree(dev, root);
    if (!t.bugs.has(ThinBug.SNAPSHOT_KEEPS_TIME)) {
      t.time++;
    }
    t.putDetails(origin, originDetails.withSnapshottedTime(t.time));
    t.putDetails(
        dev, new DeviceDetails(originDetails.mappedBlocks(), t.transactionId, t.time, t.time));
  }

  /**
   * Deletes a device; blocks only it referenced become free at commit. Refused (BUSY) while a
   * handle of it is open.
   */
  void delete(long dev) throws IOException {
    if (t.openDevices.isOpen(dev)) {
      throw new PoolOperationException(Reason.BUSY, "thin device " + dev + " is open");
    }
    t.requireDevice(dev);
    t.openDevices.deleted(dev);
    t.reserveMetadataToFree();
    t.dropDetails(dev);
    t.detailsRoot = t.trees.details().remove(t.detailsRoot, new long[] {dev}).root();
    BTree top =
        t.bugs.has(ThinBug.DELETE_LEAKS_SUBTREE) ? t.trees.topLevelNoRelease() : t.trees.topLevel();
    t.mappingRoot = top.remove(t.mappingRoot, new long[] {dev}).root();
  }

  /** Every device id, ascending. */
  List<Long> list() throws IOException {
    TreeSet<Long> ids = new TreeSet<>();
    t.trees.details().forEach(t.detailsRoot, (k, d, off) -> ids.add(k));
    for (long id : t.changedDevices()) {
      ids.add(id);
    }
    return new ArrayList<>(ids);
  }

  private void checkNewDevice(long dev) throws IOException {
    if (dev < 0 || dev > PoolMetadata.MAX_DEVICE_ID) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT,
          "device id " + dev + " out of range 0.." + PoolMetadata.MAX_DEVICE_ID);
    }
    // A device created in an aborted transaction may still be held open: its id stays taken.
    if (t.findDetails(dev) != null
        || t.openDevices.isOpen(dev)
        || t.trees.topLevel().lookup(t.mappingRoot, dev) != null) {
      throw new PoolOperationException(Reason.DEVICE_EXISTS, "thin device " + dev + " exists");
    }
  }
}
