package io.powercut.thin;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Validator;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.BTreeBuilder;
import io.powercut.pdata.btree.ValueType;
import io.powercut.pdata.btree.WouldBlockException;
import io.powercut.pdata.sm.BulkIncrements;
import io.powercut.pdata.sm.DiskSpaceMap;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.MetadataSpaceMap;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.pdata.tm.Shadow;
import io.powercut.pdata.tm.TransactionManager;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The metadata of a dm-thin pool, as the kernel's dm-thin-metadata: thin devices and their mappings
 * from virtual to data blocks, snapshots that share mapping trees, data and metadata space maps,
 * and transactions that become durable only at {@link #commit}. Changes between commits are lost by
 * a crash or undone by {@link #abort}.
 *
 * <p>Errors: {@link PoolOperationException} for a request that cannot be done (the pool is
 * unchanged), {@link NoSpaceException} when data or metadata space runs out (unchanged too: each
 * operation checks its metadata reserve up front), {@link CorruptMetadataException} for metadata
 * that breaks the format. Any other failure in the middle of a change (an IO error, or metadata
 * running out after all) leaves the pool <em>failed</em>: only {@link #abort} and {@link #close}
 * are allowed then, and the last commit is what remains.
 *
 * <p>Thread-safe: lookups share a read lock, everything else takes the write lock.
 */
public final class PoolMetadata implements AutoCloseable {
  /**
   * Metadata blocks an operation may need; refused up front below this, so it cannot fail half-way.
   */
  static final long OPERATION_RESERVE = 64;

  /** Smallest metadata device that can be formatted. */
  public static final long MIN_METADATA_BLOCKS = 3 * OPERATION_RESERVE;

  /** Largest thin device id (the XML format stores it as u32). */
  public static final long MAX_DEVICE_ID = 0xFFFF_FFFFL;

  private final BlockDevice device;
  private final Bugs bugs;
  private final int cacheBlocks;
  private final Validator sbValidator;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private BlockManager bm;
  private TransactionManager tm;
  private MetadataSpaceMap metadataSm;
  private DiskSpaceMap dataSm;
  private BTree mappings;
  private BTree topLevel;
  private BTree topLevelNoRelease;
  private BTree deviceMappings;
  private BTree details;

  private Superblock committed;
  private long mappingRoot;
  private long detailsRoot;
  private long time;
  private long transactionId;
  private long flags;
  private long heldRoot;

  /** Details of devices read or changed in this transaction; written back at commit if changed. */
  private final Map<Long, DeviceDetails> changedDetails = new TreeMap<>();

  /** Devices held open, or changed in this transaction, and their flags. */
  private final OpenDevices openDevices = new OpenDevices();

  private boolean dirty;
  private boolean failed;
  private boolean closed;

  /** Whether the running operation passed its metadata reserve check. */
  private boolean reserved;

  /**
   * A restore's fast path: the tree of device {@code sortedDev} being built bottom-up, and the data
   * references counted in bulk. Saved before anything else reads or commits the pool.
   */
  private BTreeBuilder sortedTree;

  private long sortedDev;
  private BulkIncrements bulkReferences;

  private PoolMetadata(BlockDevice device, Bugs bugs, int cacheBlocks) {
    this.device = device;
    this.bugs = bugs;
    this.cacheBlocks = cacheBlocks;
    this.sbValidator = Superblock.validator(bugs);
  }

  /** Options for formatting a new pool. */
  public record Format(long dataBlockSize, long nrDataBlocks, byte[] uuid) {
    public Format(long dataBlockSize, long nrDataBlocks) {
      this(dataBlockSize, nrDataBlocks, new byte[Superblock.UUID_SIZE]);
    }
  }

  /** Formats a zeroed metadata device and returns the open pool (its first commit is done). */
  public static PoolMetadata create(BlockDevice device, Format format) throws IOException {
    return create(device, format, Bugs.NONE, BlockManager.DEFAULT_CACHE_BLOCKS);
  }

  public static PoolMetadata create(BlockDevice device, Format format, Bugs bugs, int cacheBlocks)
      throws IOException {
    return create(device, format, bugs, cacheBlocks, Superblock.VERSION);
  }

  private static PoolMetadata create(
      BlockDevice device, Format format, Bugs bugs, int cacheBlocks, long version)
      throws IOException {
    if (device.blockCount() < MIN_METADATA_BLOCKS) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT,
          "metadata device too small: "
              + device.blockCount()
              + " blocks, at least "
              + MIN_METADATA_BLOCKS);
    }
    if (format.dataBlockSize() <= 0 || format.dataBlockSize() > 0xFFFF_FFFFL) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, "data block size " + format.dataBlockSize() + " out of range");
    }
    checkDataSize(format.nrDataBlocks());
    PoolMetadata pool = new PoolMetadata(device, bugs, cacheBlocks);
    pool.format(format, version);
    return pool;
  }

  /** Opens an existing pool at its last commit. */
  public static PoolMetadata open(BlockDevice device) throws IOException {
    return open(device, Bugs.NONE, BlockManager.DEFAULT_CACHE_BLOCKS);
  }

  public static PoolMetadata open(BlockDevice device, Bugs bugs, int cacheBlocks)
      throws IOException {
    PoolMetadata pool = new PoolMetadata(device, bugs, cacheBlocks);
    pool.load();
    return pool;
  }

  private void newObjects() {
    bm = new BlockManager(device, cacheBlocks, bugs);
    tm = new TransactionManager(bm);
  }

  private void newTrees() {
    deviceMappings = new BTree(tm, 1, new MappingValueType(dataSm));
    mappings = new BTree(tm, 2, new MappingValueType(dataSm));
    topLevel = new BTree(tm, 1, new SubtreeValueType(tm, deviceMappings));
    topLevelNoRelease = new BTree(tm, 1, ValueType.opaque(8));
    details = new BTree(tm, 1, ValueType.opaque(DeviceDetails.SIZE));
  }

  private void format(Format f, long version) throws IOException {
    newObjects();
    long nrBlocks = Math.min(device.blockCount(), MetadataIndexBlock.MAX_METADATA_BLOCKS);
    metadataSm = MetadataSpaceMap.create(tm, nrBlocks, Superblock.LOCATION);
    dataSm = DiskSpaceMap.create(tm, 0);
    newTrees();
    mappingRoot = mappings.empty();
    detailsRoot = details.empty();
    dataSm.extend(f.nrDataBlocks());
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
    commitTransaction();
  }

  /** Reads the last committed state, dropping everything in memory. */
  private void load() throws IOException {
    newObjects();
    Superblock sb;
    try (Block b = bm.read(Superblock.LOCATION, sbValidator)) {
      sb = Superblock.read(b.data());
    }
    SuperblockRules.require(SuperblockRules.block0(sb, device.blockCount()), "superblock");
    metadataSm = MetadataSpaceMap.open(tm, sb.metadataSpaceMapRoot());
    dataSm = DiskSpaceMap.open(tm, sb.dataSpaceMapRoot());
    newTrees();
    committed = sb;
    mappingRoot = sb.dataMappingRoot();
    detailsRoot = sb.deviceDetailsRoot();
    time = sb.time();
    transactionId = sb.transactionId();
    flags = sb.flags();
    heldRoot = sb.heldRoot();
    changedDetails.clear();
    sortedTree = null;
    bulkReferences = null;
    dirty = false;
    failed = false;
  }

  private static void checkDataSize(long nrDataBlocks) throws PoolOperationException {
    if (nrDataBlocks < 0 || nrDataBlocks > BlockTime.MAX_DATA_BLOCK + 1) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, "data device size " + nrDataBlocks + " blocks out of range");
    }
  }

  // ---- transactions ----------------------------------------------------------------------------

  /** Makes every change since the last commit durable; a no-op when nothing changed. */
  public void commit() throws IOException {
    writeLocked(
        () -> {
          checkUsable();
          if (dirty) {
            try {
              commitTransaction();
            } catch (IOException | RuntimeException e) {
              // A commit that failed half-way must not be retried on top of what it wrote.
              failed = true;
              throw e;
            }
          }
          return null;
        });
  }

  private void commitTransaction() throws IOException {
    endSortedDevice();
    endBulkReferences();
    if (!bugs.has(ThinBug.DETAILS_NOT_WRITTEN)) {
      for (Map.Entry<Long, DeviceDetails> e : changedDetails.entrySet()) {
        detailsRoot =
            details.insert(detailsRoot, new long[] {e.getKey()}, e.getValue().toBytes()).root();
      }
    }
    changedDetails.clear();
    dataSm.commit();
    tm.preCommit();
    // Copy the roots before touching the superblock, so a failure cannot leave it half-updated.
    SpaceMapRoot dataRoot = dataSm.root();
    SpaceMapRoot metadataRoot = metadataSm.root();
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
            ? bm.writeZero(Superblock.LOCATION, sbValidator)
            : bm.write(Superblock.LOCATION, sbValidator);
    next.write(sb.data());
    tm.commit(sb);
    committed = next;
    dirty = false;
    openDevices.committed();
  }

  /** Drops every change since the last commit and clears a failed state. */
  public void abort() throws IOException {
    writeLocked(
        () -> {
          checkOpen();
          failed = true;
          openDevices.aborted();
          load();
          return null;
        });
  }

  /**
   * Commits pending changes (unless failed) and closes the pool; refused (BUSY) while a thin device
   * is open, as the kernel's dm_pool_metadata_close.
   */
  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      if (openDevices.anyOpen()) {
        throw new PoolOperationException(
            Reason.BUSY, "cannot close the pool while thin devices are open");
      }
      try {
        if (!failed && dirty) {
          commitTransaction();
        }
      } finally {
        closed = true;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- devices ---------------------------------------------------------------------------------

  /** Creates an empty thin device. */
  public void createThin(long dev) throws IOException {
    change(
        () -> {
          checkNewDevice(dev);
          reserveMetadata();
          long devRoot = deviceMappings.empty();
          mappingRoot = topLevel.insert(mappingRoot, new long[] {dev}, le64(devRoot)).root();
          putDetails(dev, new DeviceDetails(0, transactionId, time, time));
        });
  }

  /**
   * Creates {@code dev} as a snapshot of {@code origin}: it shares the origin's mapping tree, and
   * the pool time advances so that later lookups report the shared blocks as shared.
   */
  public void createSnapshot(long dev, long origin) throws IOException {
    change(
        () -> {
          checkNewDevice(dev);
          DeviceDetails originDetails = requireDevice(origin);
          reserveMetadata();
          byte[] originRoot = topLevel.lookup(mappingRoot, origin);
          if (originRoot == null) {
            throw new CorruptMetadataException(
                mappingRoot,
                "device in mapping tree",
                "device " + origin + " has details but no mapping tree",
                "mapping tree");
          }
          tm.inc(Le.u64(originRoot, 0));
          mappingRoot = topLevel.insert(mappingRoot, new long[] {dev}, originRoot).root();
          if (!bugs.has(ThinBug.SNAPSHOT_KEEPS_TIME)) {
            time++;
          }
          putDetails(origin, originDetails.withSnapshottedTime(time));
          putDetails(
              dev, new DeviceDetails(originDetails.mappedBlocks(), transactionId, time, time));
        });
  }

  /**
   * Deletes a device; blocks only it referenced become free at commit. Refused (BUSY) while a
   * handle of it is open.
   */
  public void deleteDevice(long dev) throws IOException {
    change(
        () -> {
          if (openDevices.isOpen(dev)) {
            throw new PoolOperationException(Reason.BUSY, "thin device " + dev + " is open");
          }
          requireDevice(dev);
          openDevices.deleted(dev);
          reserveMetadataToFree();
          changedDetails.remove(dev);
          detailsRoot = details.remove(detailsRoot, new long[] {dev}).root();
          BTree top = bugs.has(ThinBug.DELETE_LEAKS_SUBTREE) ? topLevelNoRelease : topLevel;
          mappingRoot = top.remove(mappingRoot, new long[] {dev}).root();
        });
  }

  /** Whether the device exists. */
  public boolean deviceExists(long dev) throws IOException {
    return readLocked(() -> findDetails(dev) != null);
  }

  /** Every device id, ascending. */
  public List<Long> devices() throws IOException {
    return readLocked(
        () -> {
          TreeMap<Long, Boolean> ids = new TreeMap<>();
          details.forEach(detailsRoot, (k, d, off) -> ids.put(k, true));
          for (Long id : changedDetails.keySet()) {
            ids.put(id, true);
          }
          return new ArrayList<>(ids.keySet());
        });
  }

  /** A device's details as they would be committed now. */
  public DeviceDetails details(long dev) throws IOException {
    return readLocked(() -> requireDevice(dev));
  }

  // ---- open thin devices ----------------------------------------------------------------------

  /**
   * Opens a handle on a device ({@code dm_pool_open_thin_device}): the device must exist, or be
   * held open already (its handles outlive an abort that undid its creation).
   */
  public ThinDevice openThinDevice(long dev) throws IOException {
    return writeLocked(
        () -> {
          checkUsable();
          if (!openDevices.isOpen(dev)) {
            requireDevice(dev);
          }
          openDevices.open(dev);
          return new ThinDevice(this, dev);
        });
  }

  /** Closes a handle ({@code dm_pool_close_thin_device}); allowed on a failed pool too. */
  public void closeThinDevice(ThinDevice td) throws IOException {
    writeLocked(
        () -> {
          checkOpen();
          checkHandle(td);
          td.markClosed();
          openDevices.close(td.id());
          return null;
        });
  }

  /** Whether the device changed in this transaction ({@code dm_thin_changed_this_transaction}). */
  public boolean changedThisTransaction(ThinDevice td) throws IOException {
    return readLocked(
        () -> {
          checkHandle(td);
          return openDevices.changedThisTransaction(td.id());
        });
  }

  /** Whether the last abort threw away changes of the device ({@code dm_thin_aborted_changes}). */
  public boolean abortedChanges(ThinDevice td) throws IOException {
    return readLocked(
        () -> {
          checkHandle(td);
          return openDevices.abortedWithChanges(td.id());
        });
  }

  /**
   * Whether any device changed in this transaction ({@code dm_pool_changed_this_transaction}): a
   * device created, snapshotted (origin and snapshot), mapped or unmapped; not a delete, a
   * transaction id, a resize or an allocation, which change no device's details.
   */
  public boolean changedThisTransaction() throws IOException {
    return readLocked(openDevices::anyChanged);
  }

  private void checkHandle(ThinDevice td) throws PoolOperationException {
    if (td.pool() != this || td.isClosed()) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, td + (td.pool() != this ? " is not of this pool" : ""));
    }
  }

  // ---- mappings --------------------------------------------------------------------------------

  /** Looks up a virtual block of a device; null if it is not mapped. */
  public Mapping findBlock(long dev, long vblock) throws IOException {
    return readLocked(
        () -> {
          DeviceDetails d = requireDevice(dev);
          return toMapping(mappings.lookup(mappingRoot, dev, vblock), d);
        });
  }

  /**
   * The non-blocking lookup: never waits for IO.
   *
   * @throws WouldBlockException if the answer needs a block that is not in memory
   */
  public Mapping findBlockNonBlocking(long dev, long vblock)
      throws IOException, WouldBlockException {
    lock.readLock().lock();
    try {
      checkUsable();
      DeviceDetails d = changedDetails.get(dev);
      if (d == null) {
        byte[] v = details.lookupNonBlocking(detailsRoot, dev);
        if (v == null) {
          throw noSuchDevice(dev);
        }
        d = DeviceDetails.read(v, 0);
      }
      return toMapping(mappings.lookupNonBlocking(mappingRoot, dev, vblock), d);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static Mapping toMapping(byte[] v, DeviceDetails d) {
    if (v == null) {
      return null;
    }
    long bt = Le.u64(v, 0);
    long t = BlockTime.time(bt);
    return new Mapping(BlockTime.dataBlock(bt), t, t < d.snapshottedTime());
  }

  /**
   * Maps a virtual block to a data block the caller allocated (and whose reference it hands over).
   * An existing mapping is replaced and its data block released.
   */
  public void insertBlock(long dev, long vblock, long dataBlock) throws IOException {
    change(
        () -> {
          DeviceDetails d = requireDevice(dev);
          if (dataBlock < 0 || dataBlock >= dataSm.nrBlocks()) {
            throw new PoolOperationException(
                Reason.BAD_DATA_BLOCK,
                "data block "
                    + dataBlock
                    + " is beyond the data device ("
                    + dataSm.nrBlocks()
                    + " blocks)");
          }
          if (dataSm.count(dataBlock) == 0) {
            throw new PoolOperationException(
                Reason.BAD_DATA_BLOCK, "data block " + dataBlock + " is not allocated");
          }
          reserveMetadata();
          BTree.Insert r =
              mappings.insert(
                  mappingRoot, new long[] {dev, vblock}, le64(BlockTime.pack(dataBlock, time)));
          mappingRoot = r.root();
          putDetails(dev, r.inserted() ? d.withMappedBlocks(d.mappedBlocks() + 1) : d);
        });
  }

  /** Unmaps a virtual block, releasing its data block; false if it was not mapped. */
  public boolean removeBlock(long dev, long vblock) throws IOException {
    return writeLocked(
        () -> {
          checkUsable();
          DeviceDetails d = requireDevice(dev);
          if (mappings.lookup(mappingRoot, dev, vblock) == null) {
            // Nothing to change, so nothing to commit: the pool stays clean, as the kernel's
            // does since it stopped rewriting unchanged metadata (873f258becca).
            return false;
          }
          change(
              () -> {
                reserveMetadataToFree();
                mappingRoot = mappings.remove(mappingRoot, new long[] {dev, vblock}).root();
                putDetails(dev, d.withMappedBlocks(d.mappedBlocks() - 1));
              });
          return true;
        });
  }

  /** Allocates a free data block (count 1) for the caller to map. */
  public long allocDataBlock() throws IOException {
    long[] b = new long[1];
    change(
        () -> {
          // Counting the block shadows a data bitmap, which takes metadata.
          reserveMetadata();
          b[0] = dataSm.newBlock();
        });
    return b[0];
  }

  /** Number of mapped blocks of a device. */
  public long mappedCount(long dev) throws IOException {
    return details(dev).mappedBlocks();
  }

  /** The highest mapped virtual block of a device, or -1 if none is mapped. */
  public long highestMappedBlock(long dev) throws IOException {
    return readLocked(
        () -> {
          requireDevice(dev);
          byte[] root = topLevel.lookup(mappingRoot, dev);
          return root == null ? -1 : deviceMappings.findHighestKey(Le.u64(root, 0));
        });
  }

  /** Visits every mapping of a device in virtual-block order. */
  public void forEachMapping(long dev, MappingVisitor visitor) throws IOException {
    readLocked(
        () -> {
          DeviceDetails d = requireDevice(dev);
          byte[] root = topLevel.lookup(mappingRoot, dev);
          if (root != null) {
            deviceMappings.forEach(
                Le.u64(root, 0),
                (vblock, data, off) -> {
                  long bt = Le.u64(data, off);
                  long t = BlockTime.time(bt);
                  visitor.visit(
                      vblock, new Mapping(BlockTime.dataBlock(bt), t, t < d.snapshottedTime()));
                });
          }
          return null;
        });
  }

  /** Receives a device's mappings. */
  @FunctionalInterface
  public interface MappingVisitor {
    void visit(long vblock, Mapping mapping) throws IOException;
  }

  // ---- pool-wide state -------------------------------------------------------------------------

  public long transactionId() throws IOException {
    return readLocked(() -> transactionId);
  }

  /** Sets the userspace transaction id, which must currently be {@code current}. */
  public void setTransactionId(long current, long next) throws IOException {
    change(
        () -> {
          if (transactionId != current) {
            throw new PoolOperationException(
                Reason.BAD_TRANSACTION_ID,
                "mismatched transaction id: expected " + current + ", pool has " + transactionId);
          }
          transactionId = next;
          if (bugs.has(ThinBug.TRANSACTION_ID_IN_PLACE)) {
            try (Block sb = bm.write(Superblock.LOCATION, sbValidator)) {
              Le.putU64(sb.data(), Superblock.TRANS_ID, next);
            }
            bm.flush();
          }
        });
  }

  /** The pool's snapshot time counter. */
  public long time() throws IOException {
    return readLocked(() -> time);
  }

  /**
   * Takes the metadata snapshot: commits, then keeps a copy of the superblock (and so both trees)
   * that userspace can read while the pool runs. Only one can exist.
   */
  public void reserveMetadataSnapshot() throws IOException {
    change(
        () -> {
          if (heldRoot != 0) {
            throw new PoolOperationException(
                Reason.SNAPSHOT_EXISTS, "a metadata snapshot already exists at block " + heldRoot);
          }
          reserveMetadata();
          if (!bugs.has(ThinBug.METADATA_SNAP_UNCOMMITTED)) {
            commitTransaction();
          }
          tm.inc(Superblock.LOCATION);
          Shadow s = tm.shadow(Superblock.LOCATION, sbValidator);
          try (Block copy = s.block()) {
            Superblock held = Superblock.read(copy.data());
            held.withCommit(
                    held.flags(),
                    held.time(),
                    held.transactionId(),
                    0,
                    SpaceMapRoot.ZERO,
                    SpaceMapRoot.ZERO,
                    held.dataMappingRoot(),
                    held.deviceDetailsRoot())
                .write(copy.data());
            tm.inc(held.dataMappingRoot());
            tm.inc(held.deviceDetailsRoot());
            heldRoot = copy.location();
          }
          commitTransaction();
        });
  }

  /** Releases the metadata snapshot and everything only it kept alive. */
  public void releaseMetadataSnapshot() throws IOException {
    change(
        () -> {
          if (heldRoot == 0) {
            throw new PoolOperationException(Reason.NO_SNAPSHOT, "no metadata snapshot to release");
          }
          reserveMetadataToFree();
          long held = heldRoot;
          Superblock copy;
          try (Block b = tm.read(held, sbValidator)) {
            copy = Superblock.read(b.data());
          }
          heldRoot = 0;
          if (!bugs.has(ThinBug.RELEASE_SNAP_LEAKS)) {
            mappings.delete(copy.dataMappingRoot());
            details.delete(copy.deviceDetailsRoot());
          }
          tm.dec(held);
          commitTransaction();
        });
  }

  /** Block of the metadata snapshot's superblock copy, or 0 if there is none. */
  public long metadataSnapshot() throws IOException {
    return readLocked(() -> heldRoot);
  }

  /** Grows the data device; shrinking is refused. */
  public void resizeDataDevice(long newBlocks) throws IOException {
    change(
        () -> {
          checkDataSize(newBlocks);
          long old = dataSm.nrBlocks();
          if (newBlocks < old) {
            throw new PoolOperationException(
                Reason.SHRINK,
                "cannot shrink the data device from " + old + " to " + newBlocks + " blocks");
          }
          if (newBlocks > old) {
            // The new bitmaps may need far more than one operation's reserve: refuse up front.
            reserveMetadata(dataSm.extendCost(newBlocks - old));
            dataSm.extend(newBlocks - old);
          }
        });
  }

  public long freeDataBlocks() throws IOException {
    return readLocked(() -> dataSm.nrFree());
  }

  /** Free metadata blocks, less the reserve that keeps operations from failing half-way. */
  public long freeMetadataBlocks() throws IOException {
    return readLocked(() -> Math.max(0, metadataSm.nrFree() - 2 * OPERATION_RESERVE));
  }

  public long dataDeviceSize() throws IOException {
    return readLocked(() -> dataSm.nrBlocks());
  }

  public long metadataDeviceSize() throws IOException {
    return readLocked(() -> metadataSm.nrBlocks());
  }

  public long dataBlockSize() throws IOException {
    return readLocked(() -> committed.dataBlockSize());
  }

  public boolean needsCheck() throws IOException {
    return readLocked(() -> (flags & Superblock.NEEDS_CHECK) != 0);
  }

  /** Marks the metadata as needing a check before the pool is used again; durable at once. */
  public void setNeedsCheck() throws IOException {
    change(
        () -> {
          flags |= Superblock.NEEDS_CHECK;
          commitTransaction();
        });
  }

  /** The superblock as of the last commit. */
  public Superblock committedSuperblock() throws IOException {
    return readLocked(() -> committed);
  }

  /** Whether a failure left the pool needing {@link #abort}. */
  public boolean isFailed() {
    return failed;
  }

  /** Seeded bugs switched on in this instance. */
  public Bugs bugs() {
    return bugs;
  }

  // ---- restore (package-private, for PoolBuilder) ----------------------------------------------

  /**
   * Formats a pool to restore into: like {@link #create}, but with the superblock {@code version}
   * the XML asks for. The restored time, transaction id and flags follow with {@link
   * #restoreHeader}.
   */
  static PoolMetadata createForRestore(
      BlockDevice device, Format format, long version, int cacheBlocks) throws IOException {
    if (version < Superblock.MIN_VERSION || version > Superblock.MAX_VERSION) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, "superblock version " + version + " out of range");
    }
    return create(device, format, Bugs.NONE, cacheBlocks, version);
  }

  /**
   * Sets the pool-wide fields a restore copies rather than computes; durable at the next commit.
   */
  void restoreHeader(long time, long transactionId, long flags) throws IOException {
    change(
        () -> {
          this.time = time;
          this.transactionId = transactionId;
          this.flags = flags;
        });
  }

  /** Creates an empty device with the given details (mapped_blocks grows as mappings arrive). */
  void restoreDevice(long dev, DeviceDetails details) throws IOException {
    change(
        () -> {
          endSortedDevice();
          checkNewDevice(dev);
          reserveMetadata();
          long devRoot = deviceMappings.empty();
          mappingRoot = topLevel.insert(mappingRoot, new long[] {dev}, le64(devRoot)).root();
          putDetails(dev, details.withMappedBlocks(0));
        });
  }

  /**
   * Maps {@code vblock} of {@code dev} to {@code dataBlock} at an explicit {@code time}, taking a
   * reference on the data block. A mapping already there is replaced and its data block released,
   * as a later XML entry overrides an earlier one in thin_restore. {@code mayBeMapped} false
   * promises the block is not mapped yet (the caller has seen only lower blocks), which saves a
   * lookup.
   */
  void restoreMapping(long dev, long vblock, long dataBlock, long time, boolean mayBeMapped)
      throws IOException {
    change(
        () -> {
          endSortedDevice();
          endBulkReferences();
          DeviceDetails d = requireDevice(dev);
          if (dataBlock < 0 || dataBlock >= dataSm.nrBlocks()) {
            throw new PoolOperationException(
                Reason.BAD_DATA_BLOCK,
                "data block "
                    + dataBlock
                    + " is beyond the data device ("
                    + dataSm.nrBlocks()
                    + " blocks)");
          }
          reserveMetadata();
          long[] keys = {dev, vblock};
          byte[] value = le64(BlockTime.pack(dataBlock, time));
          if (mayBeMapped) {
            byte[] old = mappings.lookup(mappingRoot, keys);
            if (old != null && BlockTime.dataBlock(Le.u64(old, 0)) == dataBlock) {
              // The same data block: the mapping keeps its one reference, only the time changes.
              mappingRoot = mappings.insert(mappingRoot, keys, value).root();
              return;
            }
          }
          dataSm.inc(dataBlock);
          BTree.Insert r = mappings.insert(mappingRoot, keys, value);
          mappingRoot = r.root();
          if (r.inserted()) {
            putDetails(dev, d.withMappedBlocks(d.mappedBlocks() + 1));
          }
        });
  }

  /**
   * The fast path of {@link #restoreMapping}, for mappings in ascending order (all that thin_dump
   * writes): maps {@code length} blocks of {@code dev} from {@code vblock} to as many data blocks
   * from {@code dataBlock}, at {@code time}. {@code vblock} must be above every block mapped so far
   * in {@code dev}, which must have no mapping from {@link #restoreMapping}. The device's tree is
   * built bottom-up and installed when another device starts, a mapping takes the general path, or
   * the pool commits; the data references are counted in bulk and saved at the latter two.
   */
  void restoreSortedMappings(long dev, long vblock, long dataBlock, long length, long time)
      throws IOException {
    change(
        () -> {
          requireDevice(dev);
          if (dataBlock < 0
              || length < 1
              || Long.compareUnsigned(length, dataSm.nrBlocks() - dataBlock) > 0) {
            throw new PoolOperationException(
                Reason.BAD_DATA_BLOCK,
                length
                    + " data blocks from "
                    + dataBlock
                    + " run beyond the data device ("
                    + dataSm.nrBlocks()
                    + " blocks)");
          }
          reserveMetadata();
          if (sortedTree == null || sortedDev != dev) {
            endSortedDevice();
            sortedTree = new BTreeBuilder(tm, 8);
            sortedDev = dev;
          }
          if (bulkReferences == null) {
            bulkReferences = dataSm.bulkIncrements();
          }
          byte[] value = new byte[8];
          for (long i = 0; i < length; i++) {
            bulkReferences.inc(dataBlock + i);
            Le.putU64(value, 0, BlockTime.pack(dataBlock + i, time));
            sortedTree.add(vblock + i, value, 0);
          }
        });
  }

  /** Installs the tree the fast path built, replacing (and releasing) the device's empty one. */
  private void endSortedDevice() throws IOException {
    if (sortedTree == null) {
      return;
    }
    BTreeBuilder tree = sortedTree;
    sortedTree = null;
    long root = tree.finish();
    mappingRoot = topLevel.insert(mappingRoot, new long[] {sortedDev}, le64(root)).root();
    putDetails(sortedDev, requireDevice(sortedDev).withMappedBlocks(tree.size()));
  }

  /** Saves the fast path's data references, so that the data space map can be used again. */
  private void endBulkReferences() throws IOException {
    if (bulkReferences != null) {
      bulkReferences.finish();
      bulkReferences = null;
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Records details to write at commit; the device changed in this transaction. */
  private void putDetails(long dev, DeviceDetails d) {
    changedDetails.put(dev, d);
    openDevices.changed(dev);
  }

  private DeviceDetails findDetails(long dev) throws IOException {
    DeviceDetails d = changedDetails.get(dev);
    if (d != null) {
      return d;
    }
    byte[] v = details.lookup(detailsRoot, dev);
    return v == null ? null : DeviceDetails.read(v, 0);
  }

  private DeviceDetails requireDevice(long dev) throws IOException {
    DeviceDetails d = findDetails(dev);
    if (d == null) {
      throw noSuchDevice(dev);
    }
    return d;
  }

  private static PoolOperationException noSuchDevice(long dev) {
    return new PoolOperationException(Reason.NO_SUCH_DEVICE, "no thin device " + dev);
  }

  private void checkNewDevice(long dev) throws IOException {
    if (dev < 0 || dev > MAX_DEVICE_ID) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, "device id " + dev + " out of range 0.." + MAX_DEVICE_ID);
    }
    // A device created in an aborted transaction may still be held open: its id stays taken.
    if (findDetails(dev) != null
        || openDevices.isOpen(dev)
        || topLevel.lookup(mappingRoot, dev) != null) {
      throw new PoolOperationException(Reason.DEVICE_EXISTS, "thin device " + dev + " exists");
    }
  }

  private void reserveMetadata() throws IOException {
    reserveMetadata(0);
  }

  /**
   * The check for operations that free space (removals, deletes): they may use the operation half
   * of the reserve, so that a pool that ran out can still shrink; the commit's half stays.
   */
  private void reserveMetadataToFree() throws IOException {
    reserveMetadata(-OPERATION_RESERVE);
  }

  /**
   * Refuses the running operation unless the reserve and {@code extra} blocks are free; once it
   * passes, running out of metadata means the operation may be half-done (see {@link #change}).
   */
  private void reserveMetadata(long extra) throws IOException {
    if (metadataSm.nrFree() < 2 * OPERATION_RESERVE + extra) {
      throw new NoSpaceException("metadata");
    }
    reserved = true;
  }

  private static byte[] le64(long v) {
    byte[] b = new byte[8];
    Le.putU64(b, 0, v);
    return b;
  }

  private void checkOpen() throws PoolOperationException {
    if (closed) {
      throw new PoolOperationException(Reason.FAILED, "the pool is closed");
    }
  }

  private void checkUsable() throws PoolOperationException {
    checkOpen();
    if (failed) {
      throw new PoolOperationException(
          Reason.FAILED, "an earlier failure left the pool needing abort");
    }
  }

  private interface Change {
    void run() throws IOException;
  }

  private interface Read<T> {
    T get() throws IOException;
  }

  /**
   * Runs a modification. Refusals (a bad request, no space) leave the pool as it was; any other
   * failure may have left it half-changed, so the pool fails until aborted.
   */
  private void change(Change c) throws IOException {
    writeLocked(
        () -> {
          checkUsable();
          boolean wasDirty = dirty;
          // Set first: an operation that commits inside clears it.
          dirty = true;
          reserved = false;
          try {
            c.run();
          } catch (NoSpaceException e) {
            // Out of metadata after the reserve check passed: the change may be half-made.
            failed = reserved && e.what().equals("metadata");
            dirty = wasDirty || failed;
            throw e;
          } catch (PoolOperationException e) {
            dirty = wasDirty;
            throw e;
          } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
          }
          return null;
        });
  }

  private <T> T writeLocked(Read<T> r) throws IOException {
    lock.writeLock().lock();
    try {
      return r.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T readLocked(Read<T> r) throws IOException {
    lock.readLock().lock();
    try {
      checkUsable();
      return r.get();
    } finally {
      lock.readLock().unlock();
    }
  }
}
