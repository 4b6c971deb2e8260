package io.powercut.thin;

import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.ValueType;
import io.powercut.pdata.sm.DiskSpaceMap;
import io.powercut.pdata.sm.MetadataSpaceMap;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.BitSet;

/**
 * The persistent-data stack of one loaded pool: block manager, transaction manager, both space maps
 * and the views of the pool's trees over them. A reload (an abort) builds a new stack, so nothing
 * cached from a dropped transaction survives.
 *
 * @param mappings the two-level mapping tree: device id, then virtual block to block_time
 * @param topLevel its top level alone (device id to subtree root); removing a device releases its
 *     subtree
 * @param topLevelNoRelease the top level with opaque values: removing a device leaks its subtree
 *     ({@link ThinBug#DELETE_LEAKS_SUBTREE})
 * @param deviceMappings one device's subtree (virtual block to block_time)
 * @param details the device details tree (device id to {@link DeviceDetails})
 */
record PoolTrees(
    BlockManager bm,
    TransactionManager tm,
    MetadataSpaceMap metadataSm,
    DiskSpaceMap dataSm,
    BTree mappings,
    BTree topLevel,
    BTree topLevelNoRelease,
    BTree deviceMappings,
    BTree details) {

  /**
   * Formats the space maps of a new pool: {@code nrMetadataBlocks} metadata blocks (the superblock
   * counted as used, and no block of {@code kept} ever handed out) and an empty data space map.
   */
  static PoolTrees format(BlockManager bm, long nrMetadataBlocks, BitSet kept) throws IOException {
    TransactionManager tm = new TransactionManager(bm);
    MetadataSpaceMap metadataSm =
        MetadataSpaceMap.create(tm, nrMetadataBlocks, Superblock.LOCATION, kept);
    return over(bm, tm, metadataSm, DiskSpaceMap.create(tm, 0));
  }

  /** Opens the space maps the superblock {@code sb} (already checked) names. */
  static PoolTrees open(BlockManager bm, Superblock sb) throws IOException {
    TransactionManager tm = new TransactionManager(bm);
    MetadataSpaceMap metadataSm = MetadataSpaceMap.open(tm, sb.metadataSpaceMapRoot());
    return over(bm, tm, metadataSm, DiskSpaceMap.open(tm, sb.dataSpaceMapRoot()));
  }

  private static PoolTrees over(
      BlockManager bm, TransactionManager tm, MetadataSpaceMap metadataSm, DiskSpaceMap dataSm) {
    BTree deviceMappings = new BTree(tm, 1, new MappingValueType(dataSm));
    return new PoolTrees(
        bm,
        tm,
        metadataSm,
        dataSm,
        new BTree(tm, 2, new MappingValueType(dataSm)),
        new BTree(tm, 1, new SubtreeValueType(tm, deviceMappings)),
        new BTree(tm, 1, ValueType.opaque(8)),
        deviceMappings,
        new BTree(tm, 1, ValueType.opaque(DeviceDetails.SIZE)));
  }
}
