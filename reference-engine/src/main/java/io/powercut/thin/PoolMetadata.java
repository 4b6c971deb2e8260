package io.powercut.thin;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.btree.WouldBlockException;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;

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
 *
 * <p>This class is the facade: the running transaction and its commit protocol are {@link
 * PoolTransaction}'s, the lock and failure protocol {@link PoolGuard}'s, and the operations those
 * of {@link PoolDevices}, {@link PoolMappings} and {@link MetadataSnapshot}; a restore writes
 * through {@link PoolRestore}.
 */
public final class PoolMetadata implements AutoCloseable {
  /**
   * Metadata blocks an operation may need; refused up front below this, so it cannot fail half-way.
   */
  public static final long OPERATION_RESERVE = 64;

  /** Smallest metadata device that can be formatted. */
  public static final long MIN_METADATA_BLOCKS = 3 * OPERATION_RESERVE;

  /** Largest thin device id (the XML format stores it as u32). */
  public static final long MAX_DEVICE_ID = 0xFFFF_FFFFL;

  private final PoolTransaction t;
  private final PoolGuard guard;
  private final PoolDevices devices;
  private final PoolMappings mappings;
  private final MetadataSnapshot snapshot;

  private PoolMetadata(BlockDevice device, Bugs bugs, int cacheBlocks) {
    this.t = new PoolTransaction(device, bugs, cacheBlocks);
    this.guard = new PoolGuard(t);
    this.devices = new PoolDevices(t);
    this.mappings = new PoolMappings(t);
    this.snapshot = new MetadataSnapshot(t);
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
    return create(device, format, bugs, cacheBlocks, Superblock.VERSION, new BitSet());
  }

  /**
   * {@link #create} writing superblock {@code version} (a restore copies the XML's) and never
   * allocating a block of {@code kept} (another pool's, on the same device).
   */
  static PoolMetadata create(
      BlockDevice device, Format format, Bugs bugs, int cacheBlocks, long version, BitSet kept)
      throws IOException {
    PoolMetadata pool = new PoolMetadata(device, bugs, cacheBlocks);
    pool.t.format(format, version, kept);
    return pool;
  }

  /** Opens an existing pool at its last commit. */
  public static PoolMetadata open(BlockDevice device) throws IOException {
    return open(device, Bugs.NONE, BlockManager.DEFAULT_CACHE_BLOCKS);
  }

  public static PoolMetadata open(BlockDevice device, Bugs bugs, int cacheBlocks)
      throws IOException {
    PoolMetadata pool = new PoolMetadata(device, bugs, cacheBlocks);
    pool.t.load();
    return pool;
  }

  PoolTransaction transaction() {
    return t;
  }

  PoolGuard guard() {
    return guard;
  }

  // ---- transactions ----------------------------------------------------------------------------

  /** Makes every change since the last commit durable; a no-op when nothing changed. */
  public void commit() throws IOException {
    guard.commit();
  }

  /** Drops every change since the last commit and clears a failed state. */
  public void abort() throws IOException {
    guard.abort();
  }

  /**
   * Commits pending changes (unless failed) and closes the pool; refused (BUSY) while a thin device
   * is open, as the kernel's dm_pool_metadata_close.
   */
  @Override
  public void close() throws IOException {
    guard.close();
  }

  // ---- devices ---------------------------------------------------------------------------------

  /** Creates an empty thin device. */
  public void createThin(long dev) throws IOException {
    guard.change(() -> devices.createThin(dev));
  }

  /**
   * Creates {@code dev} as a snapshot of {@code origin}: it shares the origin's mapping tree, and
   * the pool time advances so that later lookups report the shared blocks as shared.
   */
  public void createSnapshot(long dev, long origin) throws IOException {
    guard.change(() -> devices.createSnapshot(dev, origin));
  }

  /**
   * Deletes a device; blocks only it referenced become free at commit. Refused (BUSY) while a
   * handle of it is open.
   */
  public void deleteDevice(long dev) throws IOException {
    guard.change(() -> devices.delete(dev));
  }

  /** Whether the device exists. */
  public boolean deviceExists(long dev) throws IOException {
    return guard.read(() -> t.findDetails(dev) != null);
  }

  /** Every device id, ascending. */
  public List<Long> devices() throws IOException {
    return guard.read(devices::list);
  }

  /** A device's details as they would be committed now. */
  public DeviceDetails details(long dev) throws IOException {
    return guard.read(() -> t.requireDevice(dev));
  }

  // ---- open thin devices ----------------------------------------------------------------------

  /**
   * Opens a handle on a device ({@code dm_pool_open_thin_device}): the device must exist, or be
   * held open already (its handles outlive an abort that undid its creation).
   */
  public ThinDevice openThinDevice(long dev) throws IOException {
    return guard.write(
        () -> {
          guard.checkUsable();
          if (!t.openDevices.isOpen(dev)) {
            t.requireDevice(dev);
          }
          t.openDevices.open(dev);
          return new ThinDevice(this, dev);
        });
  }

  /** Closes a handle ({@code dm_pool_close_thin_device}); allowed on a failed pool too. */
  public void closeThinDevice(ThinDevice td) throws IOException {
    guard.write(
        () -> {
          guard.checkOpen();
          checkHandle(td);
          td.markClosed();
          t.openDevices.close(td.id());
          return null;
        });
  }

  /** Whether the device changed in this transaction ({@code dm_thin_changed_this_transaction}). */
  public boolean changedThisTransaction(ThinDevice td) throws IOException {
    return guard.read(
        () -> {
          checkHandle(td);
          return t.openDevices.changedThisTransaction(td.id());
        });
  }

  /** Whether the last abort threw away changes of the device ({@code dm_thin_aborted_changes}). */
  public boolean abortedChanges(ThinDevice td) throws IOException {
    return guard.read(
        () -> {
          checkHandle(td);
          return t.openDevices.abortedWithChanges(td.id());
        });
  }

  /**
   * Whether any device changed in this transaction ({@code dm_pool_changed_this_transaction}): a
   * device created, snapshotted (origin and snapshot), mapped or unmapped; not a delete, a
   * transaction id, a resize or an allocation, which change no device's details.
   */
  public boolean changedThisTransaction() throws IOException {
    return guard.read(t.openDevices::anyChanged);
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
    return guard.read(() -> mappings.find(dev, vblock));
  }

  /**
   * The non-blocking lookup: never waits for IO.
   *
   * @throws WouldBlockException if the answer needs a block that is not in memory
   */
  public Mapping findBlockNonBlocking(long dev, long vblock)
      throws IOException, WouldBlockException {
    return guard.readNonBlocking(() -> mappings.findNonBlocking(dev, vblock));
  }

  /**
   * Maps a virtual block to a data block the caller allocated (and whose reference it hands over).
   * An existing mapping is replaced and its data block released.
   */
  public void insertBlock(long dev, long vblock, long dataBlock) throws IOException {
    guard.change(() -> mappings.insert(dev, vblock, dataBlock));
  }

  /** Unmaps a virtual block, releasing its data block; false if it was not mapped. */
  public boolean removeBlock(long dev, long vblock) throws IOException {
    return guard.write(
        () -> {
          guard.checkUsable();
          DeviceDetails d = t.requireDevice(dev);
          if (!mappings.isMapped(dev, vblock)) {
            // Nothing to change, so nothing to commit: the pool stays clean, as the kernel's
            // does since it stopped rewriting unchanged metadata (873f258becca).
            return false;
          }
          guard.change(() -> mappings.remove(dev, vblock, d));
          return true;
        });
  }

  /** Allocates a free data block (count 1) for the caller to map. */
  public long allocDataBlock() throws IOException {
    return guard.changeAndGet(mappings::allocDataBlock);
  }

  /** Whether a data block has more than one reference ({@code dm_pool_block_is_shared}). */
  public boolean blockIsShared(long dataBlock) throws IOException {
    return guard.read(() -> mappings.blockIsShared(dataBlock));
  }

  /** Takes a reference on each data block of [begin, end) ({@code dm_pool_inc_data_range}). */
  public void incDataRange(long begin, long end) throws IOException {
    guard.change(() -> mappings.incDataRange(begin, end));
  }

  /** Drops a reference on each data block of [begin, end) ({@code dm_pool_dec_data_range}). */
  public void decDataRange(long begin, long end) throws IOException {
    guard.change(() -> mappings.decDataRange(begin, end));
  }

  /** Number of mapped blocks of a device. */
  public long mappedCount(long dev) throws IOException {
    return details(dev).mappedBlocks();
  }

  /** The highest mapped virtual block of a device, or -1 if none is mapped. */
  public long highestMappedBlock(long dev) throws IOException {
    return guard.read(() -> mappings.highestMappedBlock(dev));
  }

  /** Visits every mapping of a device in virtual-block order. */
  public void forEachMapping(long dev, MappingVisitor visitor) throws IOException {
    guard.read(
        () -> {
          mappings.forEach(dev, visitor);
          return null;
        });
  }

  /**
   * Visits every mapping of a device in virtual-block order as its on-disk block_time ({@link
   * BlockTime}), a leaf at a time and with no object per mapping: for reading a whole pool back, as
   * every recovery of an exploration does.
   */
  public void forEachBlockTime(long dev, BlockTimeVisitor visitor) throws IOException {
    guard.read(
        () -> {
          mappings.forEachBlockTime(dev, visitor);
          return null;
        });
  }

  /** Receives a device's mappings. */
  @FunctionalInterface
  public interface MappingVisitor {
    void visit(long vblock, Mapping mapping) throws IOException;
  }

  /**
   * Receives a device's mappings as block_time values, one leaf at a time: the first {@code n} of
   * {@code vblocks} (ascending) and their {@code blockTimes}, in arrays reused for the next leaf.
   */
  @FunctionalInterface
  public interface BlockTimeVisitor {
    void visit(long[] vblocks, long[] blockTimes, int n) throws IOException;
  }

  // ---- pool-wide state -------------------------------------------------------------------------

  public long transactionId() throws IOException {
    return guard.read(() -> t.transactionId);
  }

  /** Sets the userspace transaction id, which must currently be {@code current}. */
  public void setTransactionId(long current, long next) throws IOException {
    guard.change(() -> t.setTransactionId(current, next));
  }

  /** The pool's snapshot time counter. */
  public long time() throws IOException {
    return guard.read(() -> t.time);
  }

  /**
   * Takes the metadata snapshot: commits, then keeps a copy of the superblock (and so both trees)
   * that userspace can read while the pool runs. Only one can exist.
   */
  public void reserveMetadataSnapshot() throws IOException {
    guard.change(snapshot::reserve);
  }

  /** Releases the metadata snapshot and everything only it kept alive. */
  public void releaseMetadataSnapshot() throws IOException {
    guard.change(snapshot::release);
  }

  /** Block of the metadata snapshot's superblock copy, or 0 if there is none. */
  public long metadataSnapshot() throws IOException {
    return guard.read(() -> t.heldRoot);
  }

  /** Grows the data device; shrinking is refused. */
  public void resizeDataDevice(long newBlocks) throws IOException {
    guard.change(() -> mappings.resizeDataDevice(newBlocks));
  }

  public long freeDataBlocks() throws IOException {
    return guard.read(() -> t.trees.dataSm().nrFree());
  }

  /** Free metadata blocks, less the reserve that keeps operations from failing half-way. */
  public long freeMetadataBlocks() throws IOException {
    return guard.read(() -> Math.max(0, t.trees.metadataSm().nrFree() - 2 * OPERATION_RESERVE));
  }

  public long dataDeviceSize() throws IOException {
    return guard.read(() -> t.trees.dataSm().nrBlocks());
  }

  public long metadataDeviceSize() throws IOException {
    return guard.read(() -> t.trees.metadataSm().nrBlocks());
  }

  public long dataBlockSize() throws IOException {
    return guard.read(() -> t.committed.dataBlockSize());
  }

  public boolean needsCheck() throws IOException {
    return guard.read(() -> (t.flags & Superblock.NEEDS_CHECK) != 0);
  }

  /** Marks the metadata as needing a check before the pool is used again; durable at once. */
  public void setNeedsCheck() throws IOException {
    guard.change(
        () -> {
          t.flags |= Superblock.NEEDS_CHECK;
          t.commit();
        });
  }

  /** The superblock as of the last commit. */
  public Superblock committedSuperblock() throws IOException {
    return guard.read(() -> t.committed);
  }

  /** Whether a failure left the pool needing {@link #abort}. */
  public boolean isFailed() {
    return guard.isFailed();
  }

  /** Seeded bugs switched on in this instance. */
  public Bugs bugs() {
    return t.bugs;
  }
}
