package io.powercut.thin;

import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTreeBuilder;
import io.powercut.pdata.sm.BulkIncrements;
import java.io.IOException;

/**
 * A restore's fast path in progress (see {@link PoolRestore#sortedMappings}): the mapping tree of
 * one device being built bottom-up, and the data references counted in bulk. Each part is finished
 * before anything else reads what it holds back: the tree when another device starts, a mapping
 * takes the general path, or the pool commits; the references at the latter two. A reload drops the
 * transaction and, with it, this.
 */
final class BulkRestore {
  private final PoolTransaction t;
  private BTreeBuilder tree;
  private long treeDev;
  private BulkIncrements references;

  BulkRestore(PoolTransaction t) {
    this.t = t;
  }

  /**
   * Adds {@code length} mappings of {@code dev} from {@code vblock} to as many data blocks from
   * {@code dataBlock}, at {@code time}; the caller checked the device, the range and the reserve.
   */
  void add(long dev, long vblock, long dataBlock, long length, long time) throws IOException {
    assert dataBlock >= 0 && length >= 1 : dataBlock + "+" + length;
    if (tree == null || treeDev != dev) {
      endDevice();
      tree = new BTreeBuilder(t.trees.tm(), 8);
      treeDev = dev;
    }
    if (references == null) {
      references = t.trees.dataSm().bulkIncrements();
    }
    byte[] value = new byte[8];
    for (long i = 0; i < length; i++) {
      references.inc(dataBlock + i);
      Le.putU64(value, 0, BlockTime.pack(dataBlock + i, time));
      tree.add(vblock + i, value, 0);
    }
  }

  /** Installs the tree being built, replacing (and releasing) the device's empty one. */
  void endDevice() throws IOException {
    if (tree == null) {
      return;
    }
    BTreeBuilder built = tree;
    tree = null;
    long root = built.finish();
    t.setDeviceTree(treeDev, root);
    t.putDetails(treeDev, t.requireDevice(treeDev).withMappedBlocks(built.size()));
  }

  /** Saves the counted data references, so that the data space map can be used again. */
  void endReferences() throws IOException {
    if (references != null) {
      references.finish();
      references = null;
    }
  }
}
