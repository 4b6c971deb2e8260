package io.powercut.thin.check;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.BlockTime;
import io.powercut.thin.Superblock;
import java.io.IOException;

/**
 * The strict structural checker of dm-thin pool metadata: stricter than thin_check 0.9.0, in the
 * spirit of thin_check 1.x. See the package documentation for every rule and its severity.
 *
 * <p>Problems are collected, never thrown; the check continues past a damaged subtree where it can
 * and ends quickly whatever the bytes say. Memory is a few bytes per metadata block, plus one byte
 * per data block of the pages that mappings touch.
 */
public final class MetadataChecker {
  /** Most problems a report lists; the rest are counted. */
  public static final int MAX_PROBLEMS = 1000;

  private final BlockDevice device;
  private final CheckOptions options;
  private final ProblemLog log = new ProblemLog(MAX_PROBLEMS);
  private final BlockReader reader;
  private final CheckReport.Stats stats = new CheckReport.Stats();
  private final DataRefMemo memo;

  private MetadataChecker(BlockDevice device, CheckOptions options, DataRefMemo memo) {
    this.device = device;
    this.options = options;
    this.memo = memo;
    this.reader = new BlockReader(device, log);
  }

  /**
   * Checks the pool metadata on {@code metadataDevice}, whose block size must be 4096.
   *
   * @throws IOException only when the device fails to read
   */
  public static CheckReport check(BlockDevice metadataDevice, CheckOptions options)
      throws IOException {
    return new MetadataChecker(metadataDevice, options, null).run();
  }

  /**
   * As {@link #check(BlockDevice, CheckOptions)}, counting data references through {@code memo}:
   * for a caller that checks many images in a row which share most of their blocks.
   */
  public static CheckReport check(
      BlockDevice metadataDevice, CheckOptions options, DataRefMemo memo) throws IOException {
    return new MetadataChecker(metadataDevice, options, memo).run();
  }

  private CheckReport run() throws IOException {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    reader.read(Superblock.LOCATION, d);
    if (!reader.checksumValid(
        Superblock.LOCATION, d, Superblock.CHECKSUM_SALT, "superblock", "superblock")) {
      // Nothing else can be trusted, as for thin_check.
      return new CheckReport(log, -1, -1, stats);
    }
    Superblock sb = Superblock.read(d);
    SpaceMapRoot msm = sb.metadataSpaceMapRoot();
    long free = Math.max(0, msm.nrBlocks() - msm.nrAllocated());
    long limit = SuperblockCheck.check(sb, device.blockCount(), log);
    SuperblockCheck.Roots roots = SuperblockCheck.checkRoots(sb, limit, log);
    if (!options.superblockOnly()) {
      checkStructures(sb, limit, roots);
    }
    return new CheckReport(log, sb.transactionId(), free, stats);
  }

  private void checkStructures(Superblock sb, long limit, SuperblockCheck.Roots roots)
      throws IOException {
    BlockUsage usage = new BlockUsage(limit, log);
    usage.setKind(Superblock.LOCATION, BlockKind.SUPERBLOCK);
    usage.addReference(Superblock.LOCATION);
    TreeWalker walker = new TreeWalker(reader, usage, log);

    SpaceMapRoot msm = sb.metadataSpaceMapRoot();
    String mPath = "superblock > metadata space map";
    // The limit is the map's nr_blocks unless that is unusable (then reported, and the map is
    // audited only as far as the device goes).
    long mCovered = limit;
    SpaceMapIndex mIndex = new SpaceMapIndex((int) SpaceMapIndex.bitmapsFor(mCovered));
    boolean[] mClaimed = new boolean[mIndex.nrBitmaps()];
    if (roots.metadataIndex() && readMetadataIndex(msm.bitmapRoot(), mIndex, usage, mPath)) {
      claimBitmaps(mIndex, mClaimed, usage, BlockKind.METADATA_BITMAP, mPath);
    }
    OverflowTable mOverflow = new OverflowTable();
    if (roots.metadataRefCounts()) {
      walker.walk(
          msm.refCountRoot(),
          TreeShape.METADATA_REF_COUNTS,
          mPath + " > ref-count tree",
          mOverflow);
    }
    mOverflow.seal();

    SpaceMapRoot dsm = sb.dataSpaceMapRoot();
    String dPath = "superblock > data space map";
    long dCovered = dataCovered(dsm.nrBlocks(), limit);
    SpaceMapIndex dIndex = new SpaceMapIndex((int) SpaceMapIndex.bitmapsFor(dCovered));
    boolean[] dClaimed = new boolean[dIndex.nrBitmaps()];
    if (roots.dataIndex()) {
      walker.walk(dsm.bitmapRoot(), TreeShape.DATA_INDEX, dPath + " > index tree", dIndex);
      if (dIndex.extraEntries() > 0) {
        log.nonFatal(
            dsm.bitmapRoot(),
            Rule.INDEX_ENTRY,
            dIndex.extraEntries()
                + " entries beyond the "
                + dIndex.nrBitmaps()
                + " bitmaps needed, the first for bitmap "
                + Long.toUnsignedString(dIndex.firstExtraKey()),
            dPath + " > index tree");
      }
      claimBitmaps(dIndex, dClaimed, usage, BlockKind.DATA_BITMAP, dPath);
    }
    OverflowTable dOverflow = new OverflowTable();
    if (roots.dataRefCounts()) {
      walker.walk(
          dsm.refCountRoot(), TreeShape.DATA_REF_COUNTS, dPath + " > ref-count tree", dOverflow);
    }
    dOverflow.seal();

    RefCounter dataRefs;
    boolean skip = options.skipMappings();
    try (DataReferences counting =
        memo == null
            ? new RefCounting(new RefCounter(dCovered))
            : memo.begin(dCovered, dsm.nrBlocks())) {
      ThinTrees trees = new ThinTrees(walker, log, counting, dsm.nrBlocks());
      trees.check(
          roots.details() ? sb.deviceDetailsRoot() : 0,
          roots.mapping() ? sb.dataMappingRoot() : 0,
          sb.time(),
          "superblock",
          skip);
      stats.devices = trees.devices();
      if (!skip) {
        stats.mappings = trees.mappings();
      }
      if (sb.heldRoot() != 0 && roots.snapshot()) {
        checkSnapshot(sb.heldRoot(), usage, walker, counting, dsm.nrBlocks());
      }
      dataRefs = counting.finish();
    }

    SpaceMapAudit audit = new SpaceMapAudit(reader, log);
    audit.audit(
        new SpaceMapAudit.Target(
            mPath,
            true,
            msm,
            mIndex,
            mClaimed,
            mOverflow,
            mCovered,
            skip ? null : usage.refs(),
            !walker.damageSeen()));
    audit.audit(
        new SpaceMapAudit.Target(
            dPath,
            false,
            dsm,
            dIndex,
            dClaimed,
            dOverflow,
            dCovered,
            skip ? null : dataRefs,
            !walker.damageSeen()));
    if (!skip) {
      stats.metadataBlocksInUse = usage.refs().nonZero();
      stats.dataBlocksInUse = dataRefs.nonZero();
    }
  }

  /**
   * Data blocks whose counts can be checked: all of them, unless the map claims more bitmaps than
   * the metadata device could hold (then reported, and the count stops there).
   */
  private long dataCovered(long nrBlocks, long limit) {
    long most = limit * BitmapBlock.ENTRIES_PER_BLOCK;
    if (Long.compareUnsigned(nrBlocks, BlockTime.MAX_DATA_BLOCK + 1) > 0) {
      // Reported with the superblock's fields.
      return most;
    }
    long bitmaps = SpaceMapIndex.bitmapsFor(nrBlocks);
    if (bitmaps > limit) {
      log.fatal(
          0,
          Rule.SPACE_MAP_SIZE,
          "data space map nr_blocks "
              + nrBlocks
              + " needs "
              + bitmaps
              + " bitmaps, expected at most "
              + limit
              + " (one per metadata block)",
          "superblock");
      return most;
    }
    return nrBlocks;
  }

  /** Reads the index block's entries; false (reported) if it is unusable. */
  private boolean readMetadataIndex(long b, SpaceMapIndex index, BlockUsage usage, String path)
      throws IOException {
    if (!usage.claim(b, BlockKind.METADATA_INDEX, path)) {
      return false;
    }
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    reader.read(b, d);
    String where = path + " > index block " + b;
    if (!reader.stampValid(
        b, d, MetadataIndexBlock.CHECKSUM_SALT, "metadata space map index", where)) {
      return false;
    }
    for (int i = 0; i < index.nrBitmaps(); i++) {
      index.put(i, MetadataIndexBlock.entry(d, i));
    }
    return true;
  }

  private void claimBitmaps(
      SpaceMapIndex index, boolean[] claimed, BlockUsage usage, BlockKind kind, String path) {
    for (int i = 0; i < index.nrBitmaps(); i++) {
      String where = path + " > bitmap " + i;
      if (!index.present(i)) {
        log.fatal(0, Rule.INDEX_ENTRY, "no index entry for bitmap " + i, where);
      } else {
        claimed[i] = usage.claim(index.bitmap(i), kind, where);
      }
    }
  }

  /**
   * The metadata snapshot: a superblock copy whose trees hold metadata (and data) blocks, so they
   * are always walked and counted; their problems are reported only with {@link
   * CheckOptions#metadataSnapshot()}.
   */
  private void checkSnapshot(
      long held, BlockUsage usage, TreeWalker walker, DataReferences dataRefs, long nrDataBlocks)
      throws IOException {
    String path = "superblock > metadata snapshot " + held;
    if (!usage.claim(held, BlockKind.SNAPSHOT_SUPERBLOCK, "superblock")) {
      return;
    }
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    reader.read(held, d);
    if (!reader.checksumValid(
        held, d, Superblock.CHECKSUM_SALT, "metadata snapshot superblock", path)) {
      return;
    }
    Superblock copy = Superblock.read(d);
    SuperblockCheck.checkSnapshotCopy(held, copy, log, path);
    long details =
        usage.inRange(copy.deviceDetailsRoot(), "device details root", path)
            ? copy.deviceDetailsRoot()
            : 0;
    long mapping =
        usage.inRange(copy.dataMappingRoot(), "data mapping root", path)
            ? copy.dataMappingRoot()
            : 0;
    boolean damagedBefore = walker.damageSeen();
    log.mute(!options.metadataSnapshot());
    try {
      ThinTrees trees = new ThinTrees(walker, log, dataRefs, nrDataBlocks);
      trees.check(details, mapping, copy.time(), path, options.skipMappings());
    } finally {
      log.mute(false);
    }
    boolean damaged = walker.damageSeen() && !damagedBefore;
    if (!options.metadataSnapshot() && (damaged || log.mutedFatal() > 0)) {
      // Without -m the details stay quiet, but a broken snapshot never passes: the kernel walks
      // it on release, thin_check rejects it, and damage hides the space-map audit.
      Problem first = log.firstMutedFatal();
      log.fatal(
          held,
          Rule.SNAPSHOT_TREES,
          "the metadata snapshot's trees break "
              + Math.max(1, log.mutedFatal())
              + " rule(s)"
              + (first == null ? "" : ", first: " + first)
              + "; check with -m for the details",
          path);
    }
  }
}
