package io.powercut.thin;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.Le;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Validator;
import io.powercut.pdata.btree.WouldBlockException;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pool's running transaction: the in-core roots and fields that the next commit writes, the
 * device details changed since the last one, and the commit protocol itself (details written back,
 * space maps committed, every dirty block flushed, then the superblock). {@link #load} drops it and
 * starts again from the last commit.
 *
 * <p>The operation classes ({@link PoolDevices}, {@link PoolMappings}, {@link MetadataSnapshot},
 * {@link PoolRestore}) read and write the fields directly, always under the pool's write lock and
 * inside {@link PoolGuard#change}, which decides what a failure half-way means.
 */
final class PoolTransaction {
  final BlockDevice device;
  final Bugs bugs;
  final Validator sbValidator;
  private final int cacheBlocks;

  /** Devices held open, or changed in this transaction, and their flags. */
  final OpenDevices openDevices = new OpenDevices();

  PoolTrees trees;
  Superblock committed;
  long mappingRoot;
  long detailsRoot;
  long time;
  long transactionId;
  long flags;
  long heldRoot;

  /** Whether anything changed since the last commit. */
  boolean dirty;

  /** Whether the running operation passed its metadata reserve check. */
  boolean reserved;

  /** A restore's fast path in progress; finished before anything else reads or commits. */
  BulkRestore bulk;

  /** Details of devices read or changed in this transaction; written back at commit if changed. */
  private final Map<Long, DeviceDetails> changedDetails = new TreeMap<>();

  PoolTransaction(BlockDevice device, Bugs bugs, int cacheBlocks) {
    assert cacheBlocks > 0 : cacheBlocks;
    this.device = device;
    this.bugs = bugs;
    this.cacheBlocks = cacheBlocks;
    this.sbValidator = Superblock.validator(bugs);
  }

  /** Formats the metadata device and makes the empty pool the first commit. */
  void format(PoolMetadata.Format f, long version, BitSet kept) throws IOException {
    if (device.blockCount() < PoolMetadata.MIN_METADATA_BLOCKS) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT,
          "metadata device too small: "
              + device.blockCount()
              + " blocks, at least "
              + PoolMetadata.MIN_METADATA_BLOCKS);
    }
    if (f.dataBlockSize() <= 0 || f.dataBlockSize() > 0xFFFF_FFFFL) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, "data block size " + f.dataBlockSize() + " out of range");
    }
    checkDataSize(f.nrDataBlocks());
    long nrBlocks = Math.min(device.blockCount(), MetadataIndexBlock.MAX_METADATA_BLOCKS);
    trees = PoolTrees.format(new BlockManager(device, cacheBlocks, bugs), nrBlocks, kept);
    bulk = new BulkRestore(this);
    mappingRoot = trees.mappings().empty();
    detailsRoot = trees.details().empty();
    trees.dataSm().extend(f.nrDataBlocks());
    time = 0;
    transactionId = 0;
    flags = 0;
    heldRoot = 0;
    committed =
        new Superblock(
            0,
            Superblock.LOCATION,
            f.uuid(),
            Superblock.MAGIC,
            version,
            0,
            0,
            0,
            SpaceMapRoot.ZERO,
            SpaceMapRoot.ZERO,
            0,
            0,
            f.dataBlockSize(),
            Superblock.METADATA_BLOCK_SECTORS,
            nrBlocks,
            0,
            0,
            0);
    dirty = true;
    commit();
  }

  /** Reads the last committed state, dropping everything in memory. */
  void load() throws IOException {
    BlockManager bm = new BlockManager(device, cacheBlocks, bugs);
    Superblock sb;
    try (Block b = bm.read(Superblock.LOCATION, sbValidator)) {
      sb = Superblock.read(b.data());
    }
    SuperblockRules.require(SuperblockRules.block0(sb, device.blockCount()), "superblock");
    trees = PoolTrees.open(bm, sb);
    bulk = new BulkRestore(this);
    committed = sb;
    mappingRoot = sb.dataMappingRoot();
    detailsRoot = sb.deviceDetailsRoot();
    time = sb.time();
    transactionId = sb.transactionId();
    flags = sb.flags();
    heldRoot = sb.heldRoot();
    changedDetails.clear();
    dirty = false;
  }

  /**
   * The commit protocol: everything this transaction changed becomes durable, the superblock last.
   * A failure part-way leaves the pool to be aborted (the caller fails it).
   */
  void commit() throws IOException {
    bulk.endDevice();
    bulk.endReferences();
    if (!bugs.has(ThinBug.DETAILS_NOT_WRITTEN)) {
      for (Map.Entry<Long, DeviceDetails> e : changedDetails.entrySet()) {
        detailsRoot =
            trees
                .details()
                .insert(detailsRoot, new long[] {e.getKey()}, e.getValue().toBytes())
                .root();
      }
    }
    changedDetails.clear();
    trees.dataSm().commit();
    trees.tm().preCommit();
    // Copy the roots before touching the superblock, so a failure cannot leave it half-updated.
    SpaceMapRoot dataRoot = trees.dataSm().root();
    SpaceMapRoot metadataRoot = trees.metadataSm().root();
    if (bugs.has(ThinBug.DATA_RESIZE_NOT_PERSISTED)
        && committed.dataSpaceMapRoot().nrBlocks() > 0) {
      dataRoot =
          new SpaceMapRoot(
              committed.dataSpaceMapRoot().nrBlocks(), dataRoot.nrAllocated(),
              dataRoot.bitmapRoot(), dataRoot.refCountRoot());
    }
    Superblock next =
        committed.withCommit(
            flags, time, transactionId, heldRoot, dataRoot, metadataRoot, mappingRoot, detailsRoot);
    // The first commit (at format) writes block 0 from scratch: nothing valid is there yet.
    boolean first = committed.dataMappingRoot() == 0;
    Block sb =
        first
            ? trees.bm().writeZero(Superblock.LOCATION, sbValidator)
            : trees.bm().write(Superblock.LOCATION, sbValidator);
    next.write(sb.data());
    trees.tm().commit(sb);
    committed = next;
    dirty = false;
    openDevices.committed();
  }

  /** Refuses a data device size the block_time format cannot address. */
  static void checkDataSize(long nrDataBlocks) throws PoolOperationException {
    if (nrDataBlocks < 0 || nrDataBlocks > BlockTime.MAX_DATA_BLOCK + 1) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, "data device size " + nrDataBlocks + " blocks out of range");
    }
  }

  /** Sets the userspace transaction id, which must currently be {@code current}. */
  void setTransactionId(long current, long next) throws IOException {
    if (transactionId != current) {
      throw new PoolOperationException(
          Reason.BAD_TRANSACTION_ID,
          "mismatched transaction id: expected " + current + ", pool has " + transactionId);
    }
    transactionId = next;
    if (bugs.has(ThinBug.TRANSACTION_ID_IN_PLACE)) {
      try (Block sb = trees.bm().write(Superblock.LOCATION, sbValidator)) {
        Le.putU64(sb.data(), Superblock.TRANS_ID, next);
      }
      trees.bm().flush();
    }
  }

  // ---- device details --------------------------------------------------------------------------

  /** Records details to write at commit; the device changed in this transaction. */
  void putDetails(long dev, DeviceDetails d) {
    changedDetails.put(dev, d);
    openDevices.changed(dev);
  }

  /** Forgets the changed details of a device being deleted. */
  void dropDetails(long dev) {
    changedDetails.remove(dev);
  }

  /** Devices whose details changed in this transaction, ascending. */
  Iterable<Long> changedDevices() {
    return changedDetails.keySet();
  }

  /** A device's details as they would be committed now, or null if it does not exist. */
  DeviceDetails findDetails(long dev) throws IOException {
    DeviceDetails d = changedDetails.get(dev);
    if (d != null) {
      return d;
    }
    byte[] v = trees.details().lookup(detailsRoot, dev);
    return v == null ? null : DeviceDetails.read(v, 0);
  }

  /** The {@link #findDetails} that never waits for IO. */
  DeviceDetails findDetailsNonBlocking(long dev) throws IOException, WouldBlockException {
    DeviceDetails d = changedDetails.get(dev);
    if (d != null) {
      return d;
    }
    byte[] v = trees.details().lookupNonBlocking(detailsRoot, dev);
    return v == null ? null : DeviceDetails.read(v, 0);
  }

  DeviceDetails requireDevice(long dev) throws IOException {
    DeviceDetails d = findDetails(dev);
    if (d == null) {
      throw noSuchDevice(dev);
    }
    return d;
  }

  static PoolOperationException noSuchDevice(long dev) {
    return new PoolOperationException(Reason.NO_SUCH_DEVICE, "no thin device " + dev);
  }

  /** Refuses a data block outside the data device (BAD_DATA_BLOCK). */
  void checkDataBlock(long dataBlock) throws IOException {
    long nrBlocks = trees.dataSm().nrBlocks();
    if (dataBlock < 0 || dataBlock >= nrBlocks) {
      throw new PoolOperationException(
          Reason.BAD_DATA_BLOCK,
          "data block " + dataBlock + " is beyond the data device (" + nrBlocks + " blocks)");
    }
  }

  /** Points the top level's entry for {@code dev} at the subtree rooted at {@code root}. */
  void setDeviceTree(long dev, long root) throws IOException {
    assert dev >= 0 && dev <= PoolMetadata.MAX_DEVICE_ID : dev;
    mappingRoot = trees.topLevel().insert(mappingRoot, new long[] {dev}, le64(root)).root();
  }

  // ---- the metadata reserve --------------------------------------------------------------------

  void reserveMetadata() throws IOException {
    reserveMetadata(0);
  }

  /**
   * The check for operations that free space (removals, deletes): they may use the operation half
   * of the reserve, so that a pool that ran out can still shrink; the commit's half stays.
   */
  void reserveMetadataToFree() throws IOException {
    reserveMetadata(-PoolMetadata.OPERATION_RESERVE);
  }

  /**
   * Refuses the running operation unless the reserve and {@code extra} blocks are free; once it
   * passes, running out of metadata means the operation may be half-done (see {@link
   * PoolGuard#change}).
   */
  void reserveMetadata(long extra) throws IOException {
    assert extra >= -PoolMetadata.OPERATION_RESERVE : extra;
    if (trees.metadataSm().nrFree() < 2 * PoolMetadata.OPERATION_RESERVE + extra) {
      throw new NoSpaceException(NoSpaceException.Space.METADATA);
    }
    reserved = true;
  }

  static byte[] le64(long v) {
    byte[] b = new byte[8];
    Le.putU64(b, 0, v);
    return b;
  }
}
