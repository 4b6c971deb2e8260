package io.powercut.thin.xml;

import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.PoolMetadata;

/**
 * Counts a pool's devices and mappings as the events stream past, and from them how many metadata
 * blocks a restore needs: an upper bound that assumes every tree node only half full (what
 * splitting leaves behind), plus a quarter for headroom and the engine's operation reserve.
 */
public final class PoolSizer implements PoolXmlHandler {
  /** The smallest image a restore creates by default: 4 MiB. */
  public static final long MIN_BLOCKS = 1024;

  private long devices;
  private long mappings;
  private long nrDataBlocks;

  @Override
  public void beginSuperblock(XmlSuperblock sb) {
    nrDataBlocks = sb.nrDataBlocks();
  }

  @Override
  public void beginDevice(XmlDevice d) {
    devices++;
  }

  @Override
  public void mapping(long originBegin, long dataBegin, long length, long time) {
    // The reader bounds each length by nr_data_blocks (< 2^40), so the sum cannot overflow soon.
    mappings = Math.addExact(mappings, length);
  }

  @Override
  public void endDevice() {}

  @Override
  public void endSuperblock() {}

  /** Metadata blocks to give a new image for this pool. */
  public long metadataBlocks() {
    long leafMappings = half(BTreeNode.calcMaxEntries(8));
    long mappingLeaves = ceil(mappings, leafMappings) + devices;
    long mappingTree = mappingLeaves + ceil(mappingLeaves, leafMappings - 1) * 2 + devices * 2;
    long detailsTree = 2 * ceil(devices, half(BTreeNode.calcMaxEntries(DeviceDetails.SIZE))) + 2;
    long bitmaps = ceil(nrDataBlocks, BitmapBlock.ENTRIES_PER_BLOCK);
    // The restore is one transaction after the format's commit: each bitmap a mapping touches is
    // shadowed, and its committed copy stays allocated until the restore commits.
    long shadowedBitmaps = Math.min(bitmaps, mappings);
    long dataSm =
        bitmaps
            + shadowedBitmaps
            + 2 * ceil(bitmaps, half(BTreeNode.calcMaxEntries(IndexEntry.SIZE)))
            // Counts of 3 or more overflow into a tree; each needs three mappings.
            + 2 * ceil(mappings / 3, half(BTreeNode.calcMaxEntries(4)))
            + 2;
    long used = 1 + mappingTree + detailsTree + dataSm;
    long metadataSm = ceil(used, BitmapBlock.ENTRIES_PER_BLOCK) + 2;
    long total = (used + metadataSm) * 5 / 4 + 3 * PoolMetadata.OPERATION_RESERVE;
    return Math.max(MIN_BLOCKS, total);
  }

  /** The largest metadata image the format can use. */
  public static long maxBlocks() {
    return MetadataIndexBlock.MAX_METADATA_BLOCKS;
  }

  private static long half(int maxEntries) {
    return maxEntries / 2;
  }

  private static long ceil(long n, long d) {
    return (n + d - 1) / d;
  }
}
