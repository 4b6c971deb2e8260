package io.powercut.thin;

import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.btree.WouldBlockException;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;

/**
 * Mapping operations on the running transaction: look up, map, unmap, allocate data blocks, walk a
 * device, and grow the data device. The caller ({@link PoolMetadata}) holds the pool's lock and
 * runs each change inside {@link PoolGuard#change}.
 */
final class PoolMappings {
  private final PoolTransaction t;

  PoolMappings(PoolTransaction t) {
    this.t = t;
  }

  /** Looks up a virtual block of a device; null if it is not mapped. */
  Mapping find(long dev, long vblock) throws IOException {
    DeviceDetails d = t.requireDevice(dev);
    return toMapping(t.trees.mappings().lookup(t.mappingRoot, dev, vblock), d);
  }

  /**
   * The lookup that never waits for IO.
   *
   * @throws WouldBlockException if the answer needs a block that is not in memory
   */
  Mapping findNonBlocking(long dev, long vblock) throws IOException, WouldBlockException {
    DeviceDetails d = t.findDetailsNonBlocking(dev);
    if (d == null) {
      throw PoolTransaction.noSuchDevice(dev);
    }
    return toMapping(t.trees.mappings().lookupNonBlocking(t.mappingRoot, dev, vblock), d);
  }

  /** Whether a virtual block of an existing device is mapped. */
  boolean isMapped(long dev, long vblock) throws IOException {
    return t.trees.mappings().lookup(t.mappingRoot, dev, vblock) != null;
  }

  /**
   * Maps a virtual block to a data block the caller allocated (and whose reference it hands over).
   * An existing mapping is replaced and its data block released.
   */
  void insert(long dev, long vblock, long dataBlock) throws IOException {
    DeviceDetails d = t.requireDevice(dev);
    t.checkDataBlock(dataBlock);
    if (t.trees.dataSm().count(dataBlock) == 0) {
      throw new PoolOperationException(
          Reason.BAD_DATA_BLOCK, "data block " + dataBlock + " is not allocated");
    }
    t.reserveMetadata();
    BTree.Insert r =
        t.trees
            .mappings()
            .insert(
                t.mappingRoot,
                new long[] {dev, vblock},
                PoolTransaction.le64(BlockTime.pack(dataBlock, t.time)));
    t.mappingRoot = r.root();
    t.putDetails(dev, r.inserted() ? d.withMappedBlocks(d.mappedBlocks() + 1) : d);
  }

  /**
   * Unmaps a mapped virtual block of a device whose details are {@code d}, releasing its data
   * block.
   */
  void remove(long dev, long vblock, DeviceDetails d) throws IOException {
    t.reserveMetadataToFree();
    t.mappingRoot = t.trees.mappings().remove(t.mappingRoot, new long[] {dev, vblock}).root();
    t.putDetails(dev, d.withMappedBlocks(d.mappedBlocks() - 1));
  }

  /** Allocates a free data block (count 1) for the caller to map. */
  long allocDataBlock() throws IOException {
    // Counting the block shadows a data bitmap, which takes metadata.
    t.reserveMetadata();
    return t.trees.dataSm().newBlock();
  }

  /** Whether a data block has more than one reference ({@code dm_pool_block_is_shared}). */
  boolean blockIsShared(long dataBlock) throws IOException {
    t.checkDataBlock(dataBlock);
    return t.trees.dataSm().count(dataBlock) > 1;
  }

  /**
   * Takes one more reference on each data block of [begin, end) ({@code dm_pool_inc_data_range}).
   */
  void incDataRange(long begin, long end) throws IOException {
    checkDataRange(begin, end);
    t.reserveMetadata(rangeCost(begin, end));
    for (long b = begin; b < end; b++) {
      t.trees.dataSm().inc(b);
    }
  }

  /**
   * Drops one reference on each data block of [begin, end) ({@code dm_pool_dec_data_range}); a
   * block that drops to zero is free after the commit. Refused, the pool unchanged, if any block of
   * the range is free already.
   */
  void decDataRange(long begin, long end) throws IOException {
    checkDataRange(begin, end);
    for (long b = begin; b < end; b++) {
      if (t.trees.dataSm().count(b) == 0) {
        throw new PoolOperationException(
            Reason.BAD_DATA_BLOCK,
            "data block " + b + " is not allocated: cannot drop a reference");
      }
    }
    t.reserveMetadataToFree();
    t.reserveMetadata(rangeCost(begin, end));
    for (long b = begin; b < end; b++) {
      t.trees.dataSm().dec(b);
    }
  }

  private void checkDataRange(long begin, long end) throws IOException {
    if (begin >= end) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT,
          "empty data block range: expected begin < end, got " + begin + ", " + end);
    }
    t.checkDataBlock(begin);
    t.checkDataBlock(end - 1);
  }

  /**
   * Metadata blocks beyond the reserve a range's reference changes may shadow: generous (a bitmap
   * covers thousands of blocks, an overflow-tree leaf a hundred), so the change cannot fail
   * half-way.
   */
  private static long rangeCost(long begin, long end) {
    return (end - begin) / 64;
  }

  /** The highest mapped virtual block of a device, or -1 if none is mapped. */
  long highestMappedBlock(long dev) throws IOException {
    t.requireDevice(dev);
    byte[] root = t.trees.topLevel().lookup(t.mappingRoot, dev);
    return root == null ? -1 : t.trees.deviceMappings().findHighestKey(Le.u64(root, 0));
  }

  /** Visits every mapping of a device in virtual-block order. */
  void forEach(long dev, PoolMetadata.MappingVisitor visitor) throws IOException {
    DeviceDetails d = t.requireDevice(dev);
    walkLeaves(
        dev,
        (node, nr) -> {
          for (int i = 0; i < nr; i++) {
            visitor.visit(BTreeNode.key(node, i), toMapping(BTreeNode.value64(node, i), d));
          }
        });
  }

  /** Visits every mapping of a device in virtual-block order as its on-disk block_time. */
  void forEachBlockTime(long dev, PoolMetadata.BlockTimeVisitor visitor) throws IOException {
    t.requireDevice(dev);
    long[][] buffers = {new long[0], new long[0]};
    walkLeaves(
        dev,
        (node, nr) -> {
          if (buffers[0].length < nr) {
            buffers[0] = new long[nr];
            buffers[1] = new long[nr];
          }
          long[] keys = buffers[0];
          long[] values = buffers[1];
          for (int i = 0; i < nr; i++) {
            keys[i] = BTreeNode.key(node, i);
            values[i] = BTreeNode.value64(node, i);
          }
          visitor.visit(keys, values, nr);
        });
  }

  /** The walk of a device's tree, whose details the caller has looked up. */
  private void walkLeaves(long dev, BTree.LeafVisitor visitor) throws IOException {
    byte[] root = t.trees.topLevel().lookup(t.mappingRoot, dev);
    if (root == null) {
      return;
    }
    t.trees.deviceMappings().forEachLeaf(Le.u64(root, 0), visitor);
  }

  /** Grows the data device; shrinking is refused. */
  void resizeDataDevice(long newBlocks) throws IOException {
    PoolTransaction.checkDataSize(newBlocks);
    long old = t.trees.dataSm().nrBlocks();
    if (newBlocks < old) {
      throw new PoolOperationException(
          Reason.SHRINK,
          "cannot shrink the data device from " + old + " to " + newBlocks + " blocks");
    }
    if (newBlocks > old) {
      // The new bitmaps may need far more than one operation's reserve: refuse up front.
      t.reserveMetadata(t.trees.dataSm().extendCost(newBlocks - old));
      t.trees.dataSm().extend(newBlocks - old);
    }
  }

  private static Mapping toMapping(byte[] v, DeviceDetails d) {
    return v == null ? null : toMapping(Le.u64(v, 0), d);
  }

  /** A block_time as a mapping: shared if written before the device's last snapshot. */
  private static Mapping toMapping(long blockTime, DeviceDetails d) {
    long time = BlockTime.time(blockTime);
    return new Mapping(BlockTime.dataBlock(blockTime), time, time < d.snapshottedTime());
  }
}
