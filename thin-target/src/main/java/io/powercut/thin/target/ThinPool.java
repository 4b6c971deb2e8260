package io.powercut.thin.target;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.block.BlockManager;
import io.powercut.thin.Mapping;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.ThinDevice;
import io.powercut.thin.target.ThinPoolException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dm-thin pool, the kernel's {@code pool} target of {@code dm-thin.c}: pool metadata (the
 * reference engine's {@link PoolMetadata}) on a metadata device, data blocks on a data device (see
 * {@link DataDevice} for the layout), and thin volumes ({@link #openVolume}) that are block devices
 * over them.
 *
 * <p>What it mirrors: every {@link #commit} flushes the data device before the metadata commits
 * ({@code metadata_pre_commit_callback}, kernel 694cfe7f31db), so a committed mapping never points
 * at data that a power cut can still lose; a pool that changed commits every {@link
 * PoolOptions#commitPeriodTicks} {@link #tick}s ({@code do_waker}); a message (create, snapshot,
 * delete) commits after it ({@code pool_message}); running out of data blocks first commits to get
 * back the blocks freed in this transaction ({@code alloc_data_block}); and a failed metadata
 * operation aborts the transaction, sets needs_check and makes the pool {@link PoolMode#READ_ONLY},
 * or {@link PoolMode#FAIL} if that fails too ({@code metadata_operation_failed}).
 *
 * <p>A pool is opened with a set of seeded bugs ({@link Bugs}, none by default): the same set goes
 * to the metadata engine, so one {@code --bugs} list switches bugs of every layer, and each layer
 * acts only on its own ({@link TargetBug} here).
 *
 * <p>Everything runs on the caller's thread, one IO at a time: an IO is done when its call returns.
 * Not thread-safe, like the devices below it.
 */
public final class ThinPool implements AutoCloseable {
  private final PoolMetadata metadata;
  private final DataDevice data;
  private final PoolOptions options;
  private final Bugs bugs;
  private final List<ThinVolume> volumes = new ArrayList<>();
  private PoolMode mode = PoolMode.WRITE;
  private long now;
  private long lastCommit;

  private final FreedDataBlocks freed = new FreedDataBlocks();

  private ThinPool(PoolMetadata metadata, DataDevice data, PoolOptions options, Bugs bugs) {
    this.metadata = metadata;
    this.data = data;
    this.options = options;
    this.bugs = bugs;
  }

  /** Formats a new pool over a zeroed metadata device and a data device of any content. */
  public static ThinPool create(
      BlockDevice metadataDevice, BlockDevice dataDevice, PoolOptions options) throws IOException {
    return create(metadataDevice, dataDevice, options, Bugs.NONE);
  }

  /** {@link #create(BlockDevice, BlockDevice, PoolOptions)} with seeded bugs switched on. */
  public static ThinPool create(
      BlockDevice metadataDevice, BlockDevice dataDevice, PoolOptions options, Bugs bugs)
      throws IOException {
    DataDevice data = new DataDevice(dataDevice, options.blocksPerDataBlock());
    PoolMetadata.Format format =
        new PoolMetadata.Format(options.sectorsPerDataBlock(), data.dataBlocks());
    PoolMetadata metadata =
        PoolMetadata.create(metadataDevice, format, bugs, BlockManager.DEFAULT_CACHE_BLOCKS);
    return new ThinPool(metadata, data, options, bugs);
  }

  /**
   * Opens a pool at its last commit. The data block size must be the one it was formatted with; a
   * data device grown since grows the pool ({@code maybe_resize_data_dev}), a shrunk one is
   * refused.
   */
  public static ThinPool open(
      BlockDevice metadataDevice, BlockDevice dataDevice, PoolOptions options) throws IOException {
    return open(metadataDevice, dataDevice, options, Bugs.NONE);
  }

  /** {@link #open(BlockDevice, BlockDevice, PoolOptions)} with seeded bugs switched on. */
  public static ThinPool open(
      BlockDevice metadataDevice, BlockDevice dataDevice, PoolOptions options, Bugs bugs)
      throws IOException {
    DataDevice data = new DataDevice(dataDevice, options.blocksPerDataBlock());
    PoolMetadata metadata =
        PoolMetadata.open(metadataDevice, bugs, BlockManager.DEFAULT_CACHE_BLOCKS);
    try {
      if (metadata.dataBlockSize() != options.sectorsPerDataBlock()) {
        throw new IllegalArgumentException(
            "data block size: expected the pool's "
                + metadata.dataBlockSize()
                + " sectors, got "
                + options.sectorsPerDataBlock());
      }
      if (data.dataBlocks() != metadata.dataDeviceSize()) {
        // Refused (SHRINK) if smaller: the pool maps blocks the device no longer has.
        metadata.resizeDataDevice(data.dataBlocks());
        metadata.commit();
      }
    } catch (IOException | RuntimeException e) {
      metadata.abort();
      metadata.close();
      throw e;
    }
    return new ThinPool(metadata, data, options, bugs);
  }

  public PoolOptions options() {
    return options;
  }

  /** The seeded bugs switched on in this pool (and its metadata engine). */
  public Bugs bugs() {
    return bugs;
  }

  public PoolMode mode() {
    return mode;
  }

  /** Whether discards that free a data block reach the data device. */
  public boolean passdownEnabled() {
    return options.discardPassdown() && data.canDiscard();
  }

  /** The pool metadata, for questions (lookups, counts); changes go through the pool. */
  public PoolMetadata metadata() {
    return metadata;
  }

  // ---- messages (dm-thin's pool_message): each commits after it -------------------------------

  /** Creates an empty thin device ({@code create_thin}). */
  public void createThin(long dev) throws IOException {
    message("create_thin", () -> metadata.createThin(dev));
  }

  /**
   * Creates {@code dev} as a snapshot of {@code origin} ({@code create_snap}). The kernel wants the
   * origin suspended, so that no IO of it is in flight; here every IO is done when it returns, so
   * the snapshot sees everything the origin completed, and the commit after it makes that durable.
   */
  public void createSnapshot(long dev, long origin) throws IOException {
    message("create_snap", () -> metadata.createSnapshot(dev, origin));
  }

  /** Deletes a thin device ({@code delete}); refused while a volume of it is open. */
  public void deleteDevice(long dev) throws IOException {
    message("delete", () -> metadata.deleteDevice(dev));
  }

  /**
   * Opens the thin device {@code dev} as a volume of {@code blocks} 4 KiB blocks; a read-only pool
   * opens volumes too (opening changes no metadata).
   */
  public ThinVolume openVolume(long dev, long blocks) throws IOException {
    checkNotFailed("open a volume");
    ThinDevice td = metadataCall("open_thin", () -> metadata.openThinDevice(dev));
    ThinVolume v = new ThinVolume(this, td, blocks);
    volumes.add(v);
    return v;
  }

  // ---- commits ----------------------------------------------------------------------------------

  /** Flushes the data device, then commits the metadata ({@code commit}). */
  public void commit() throws IOException {
    checkWritable("commit");
    if (bugs.has(TargetBug.METADATA_BEFORE_DATA_FLUSH)) {
      // Before 694cfe7f31db the data device was flushed only by the FLUSH passed down after it.
      metadataChange("commit", metadata::commit);
      flushDataBeforeCommit();
    } else {
      flushDataBeforeCommit();
      metadataChange("commit", metadata::commit);
    }
    lastCommit = now;
    freed.committed(data);
    // check_for_data_space: a commit that freed blocks ends the out-of-space mode.
    if (mode == PoolMode.OUT_OF_DATA_SPACE && metadataCall("free", metadata::freeDataBlocks) > 0) {
      mode = PoolMode.WRITE;
    }
  }

  /** {@code metadata_pre_commit_callback}: what the commit maps must be durable first. */
  private void flushDataBeforeCommit() throws IOException {
    try {
      data.flush();
    } catch (ThinPoolException e) {
      throw metadataOperationFailed("flush of the data device before commit", e);
    }
  }

  /** Advances the simulated clock one tick; commits if the period passed and a device changed. */
  public void tick() throws IOException {
    now++;
    if (isWritable()
        && now - lastCommit >= options.commitPeriodTicks()
        && metadataCall("changed", metadata::changedThisTransaction)) {
      commit();
    }
  }

  /** Closes every open volume, commits unless read-only or failed, and closes the metadata. */
  @Override
  public void close() throws IOException {
    for (ThinVolume v : new ArrayList<>(volumes)) {
      v.close();
    }
    if (isWritable()) {
      commit();
    }
    metadata.close();
  }

  // ---- what volumes ask of the pool
  // --------------------------------------------------------------

  DataDevice data() {
    return data;
  }

  void closed(ThinVolume v) throws IOException {
    volumes.remove(v);
    metadataChange("close_thin", () -> metadata.closeThinDevice(v.handle()));
  }

  Mapping lookup(long dev, long vblock) throws IOException {
    return metadataCall("find_block", () -> metadata.findBlock(dev, vblock));
  }

  /**
   * A free data block ({@code alloc_data_block}): if none is left, commit to get back the blocks
   * freed in this transaction; if there is still none, the pool is out of data space.
   */
  long allocDataBlock() throws IOException {
    checkWritable("provision a data block");
    if (freed.hasReusable()) {
      // REUSE_FREED_DATA_BLOCK: the committed mapping of its old owner still points at it.
      long reused = freed.takeReusable();
      metadataChange("inc_data_range", () -> metadata.incDataRange(reused, reused + 1));
      return reused;
    }
    if (mode == PoolMode.OUT_OF_DATA_SPACE
        || (metadataCall("free", metadata::freeDataBlocks) == 0 && !freedByCommit())) {
      mode = PoolMode.OUT_OF_DATA_SPACE;
      throw new ThinPoolException(Reason.NO_DATA_SPACE, "no free data block in the pool");
    }
    return metadataCall("alloc_data_block", metadata::allocDataBlock);
  }

  private boolean freedByCommit() throws IOException {
    commit();
    return metadataCall("free", metadata::freeDataBlocks) > 0;
  }

  /** Maps a block after its data IO completed ({@code process_prepared_mapping}). */
  void insert(long dev, long vblock, long dataBlock) throws IOException {
    metadataChange("insert_block", () -> metadata.insertBlock(dev, vblock, dataBlock));
  }

  /** Gives back a block whose data IO failed before it was mapped. */
  void release(long dataBlock) throws IOException {
    metadataChange("dec_data_range", () -> metadata.decDataRange(dataBlock, dataBlock + 1));
  }

  /**
   * Unmaps a block and, with passdown, discards its data block on the data device once no device
   * maps it, neither now nor in the last commit. The kernel asks only the first question ({@code
   * process_prepared_discard_passdown_pt1} holds a reference and asks {@code
   * dm_pool_block_is_shared} of the in-core space map, then discards at once): a write to a volume
   * that shared the block with this one remaps it in core, the discard then finds the block
   * unshared and destroys it, and a power cut before the commit leaves the committed metadata
   * mapping that volume to it ({@link TargetBug#PASSDOWN_BEFORE_COMMIT}). Here a freed block waits
   * for the commit that unmaps it, and is passed down right after it.
   */
  void discard(long dev, long vblock, long dataBlock) throws IOException {
    if (bugs.has(TargetBug.REUSE_FREED_DATA_BLOCK)
        && !metadataCall("block_is_shared", () -> metadata.blockIsShared(dataBlock))) {
      freed.reusable(dataBlock);
    }
    metadataChange("remove_block", () -> metadata.removeBlock(dev, vblock));
    if (!passdownEnabled()) {
      return;
    }
    if (bugs.has(TargetBug.PASSDOWN_SHARED)) {
      data.discard(dataBlock);
      return;
    }
    // A reference held while asking whether another one is left: unshared now means freed.
    metadataChange("inc_data_range", () -> metadata.incDataRange(dataBlock, dataBlock + 1));
    boolean unshared = false;
    try {
      unshared = !metadataCall("block_is_shared", () -> metadata.blockIsShared(dataBlock));
      if (unshared && bugs.has(TargetBug.PASSDOWN_BEFORE_COMMIT)) {
        data.discard(dataBlock);
      }
    } finally {
      if (isWritable()) {
        release(dataBlock);
      }
    }
    if (unshared && !bugs.has(TargetBug.PASSDOWN_BEFORE_COMMIT)) {
      freed.toPassDown(dataBlock);
    }
  }

  boolean changed(ThinDevice td) throws IOException {
    return metadataCall("thin_changed", () -> metadata.changedThisTransaction(td));
  }

  boolean abortedChanges(ThinDevice td) throws IOException {
    return metadataCall("thin_aborted_changes", () -> metadata.abortedChanges(td));
  }

  /** Whether metadata may change: not read-only or failed. */
  boolean isWritable() {
    return mode == PoolMode.WRITE || mode == PoolMode.OUT_OF_DATA_SPACE;
  }

  void checkWritable(String what) throws ThinPoolException {
    checkNotFailed(what);
    if (mode == PoolMode.READ_ONLY) {
      throw new ThinPoolException(Reason.READ_ONLY, "cannot " + what + ": the pool is read-only");
    }
  }

  void checkNotFailed(String what) throws ThinPoolException {
    if (mode == PoolMode.FAIL) {
      throw new ThinPoolException(Reason.FAILED, "cannot " + what + ": the pool has failed");
    }
  }

  // ---- metadata failures
  // -------------------------------------------------------------------------

  @FunctionalInterface
  interface MetadataCall<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  interface MetadataChange {
    void run() throws IOException;
  }

  private void message(String what, MetadataChange change) throws IOException {
    checkWritable(what);
    metadataChange(what, change);
    commit();
  }

  private void metadataChange(String what, MetadataChange change) throws IOException {
    metadataCall(
        what,
        () -> {
          change.run();
          return null;
        });
  }

  /**
   * Runs a metadata call. A refusal that left the pool unchanged (no such device, busy...) goes to
   * the caller as it is; any other failure, running out of metadata space included, is a metadata
   * operation failure.
   */
  private <T> T metadataCall(String what, MetadataCall<T> call) throws IOException {
    try {
      return call.run();
    } catch (PoolOperationException e) {
      if (e.reason() != PoolOperationException.Reason.FAILED) {
        throw e;
      }
      throw metadataOperationFailed(what, e);
    } catch (IOException e) {
      if (e instanceof NoSpaceException ns && ns.space() == NoSpaceException.Space.DATA) {
        // The engine refuses when no block free at the last commit is free now.
        mode = PoolMode.OUT_OF_DATA_SPACE;
        throw new ThinPoolException(Reason.NO_DATA_SPACE, "no free data block in the pool", e);
      }
      throw metadataOperationFailed(what, e);
    }
  }

  /** {@code metadata_operation_failed}: abort, set needs_check, and go read-only (or fail). */
  private ThinPoolException metadataOperationFailed(String what, IOException cause) {
    if (mode == PoolMode.READ_ONLY || mode == PoolMode.FAIL) {
      // Lookups of a read-only pool may fail too; the mode stays (process_bio_read_only).
      return new ThinPoolException(Reason.METADATA_IO, what + " failed: " + cause, cause);
    }
    mode = PoolMode.READ_ONLY;
    freed.forget();
    try {
      metadata.abort();
      metadata.setNeedsCheck();
    } catch (IOException | RuntimeException e) {
      mode = PoolMode.FAIL;
      cause.addSuppressed(e);
    }
    return new ThinPoolException(
        Reason.METADATA_IO, what + " failed, the pool is now " + mode + ": " + cause, cause);
  }
}
