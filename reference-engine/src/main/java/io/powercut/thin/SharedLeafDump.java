package io.powercut.thin;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.BTreeLeaves;
import io.powercut.thin.xml.LeafRuns;
import io.powercut.thin.xml.PoolXmlHandler;
import io.powercut.thin.xml.XmlDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices of a pool as thin_dump 1.1.0 prints them: each device's mapping tree as its sequence
 * of leaves, the pieces several devices share (see {@link LeafRuns}) printed once as definitions
 * before the devices, and each device as its own leaves and references to those. A data block at or
 * past the data device, or keys out of order within what is printed together, are refused as in the
 * 0.9 dump.
 */
final class SharedLeafDump {
  private final BTreeLeaves leaves;
  private final long nrDataBlocks;

  /** {@code nrDataBlocks} -1 means the data size is unknown (a metadata snapshot). */
  SharedLeafDump(BTree mappings, long nrDataBlocks) {
    this.leaves = new BTreeLeaves(mappings);
    this.nrDataBlocks = nrDataBlocks;
  }

  void dump(Map<Long, DeviceDetails> devices, Map<Long, Long> subtrees, PoolXmlHandler out)
      throws IOException {
    Map<Long, long[]> byRoot = new HashMap<>();
    List<long[]> sequences = new ArrayList<>();
    for (Map.Entry<Long, Long> e : subtrees.entrySet()) {
      long root = e.getValue();
      long[] seq = byRoot.get(root);
      if (seq == null) {
        seq = leavesOf(e.getKey(), root);
        byRoot.put(root, seq);
      }
      sequences.add(seq);
    }
    LeafRuns runs = LeafRuns.of(sequences);
    for (Map.Entry<Long, List<Long>> def : runs.sharedPieces().entrySet()) {
      String name = Long.toUnsignedString(def.getKey());
      out.beginDef(name);
      Order order = new Order("definition " + name);
      for (long leaf : def.getValue()) {
        emit(leaf, order, out);
      }
      out.endDef();
    }
    int i = 0;
    for (Map.Entry<Long, Long> e : subtrees.entrySet()) {
      long dev = e.getKey();
      DeviceDetails d = devices.get(dev);
      out.beginDevice(
          new XmlDevice(
              dev, d.mappedBlocks(), d.transactionId(), d.creationTime(), d.snapshottedTime()));
      Order order = new Order("device " + dev + " > subtree " + e.getValue());
      for (LeafRuns.Item item : runs.rewrite(sequences.get(i++))) {
        if (item.shared()) {
          out.ref(Long.toUnsignedString(item.block()));
          order = new Order("device " + dev + " > subtree " + e.getValue());
        } else {
          emit(item.block(), order, out);
        }
      }
      out.endDevice();
    }
  }

  private long[] leavesOf(long dev, long root) throws IOException {
    List<Long> list = new ArrayList<>();
    try {
      leaves.forEachLeaf(root, list::add);
    } catch (CorruptMetadataException e) {
      throw e.withPath("superblock > mapping tree > device " + dev + " > subtree " + root);
    }
    long[] seq = new long[list.size()];
    for (int j = 0; j < seq.length; j++) {
      seq[j] = list.get(j);
    }
    return seq;
  }

  /** Keys must rise within what is printed as one stretch. */
  private static final class Order {
    final String path;
    boolean first = true;
    long previous;

    Order(String path) {
      this.path = "superblock > mapping tree > " + path;
    }
  }

  private void emit(long leaf, Order order, PoolXmlHandler out) throws IOException {
    try {
      leaves.forEachEntry(
          leaf,
          (vblock, d, off) -> {
            if (!order.first && Long.compareUnsigned(vblock, order.previous) <= 0) {
              throw CorruptMetadataException.expected(
                  leaf,
                  "mapping key order",
                  "virtual block above " + Long.toUnsignedString(order.previous),
                  Long.toUnsignedString(vblock),
                  order.path);
            }
            order.first = false;
            order.previous = vblock;
            long bt = Le.u64(d, off);
            long data = BlockTime.dataBlock(bt);
            if (nrDataBlocks >= 0 && data >= nrDataBlocks) {
              throw CorruptMetadataException.expected(
                  leaf,
                  "mapped data block",
                  "below nr_data_blocks " + nrDataBlocks,
                  data + " for virtual block " + Long.toUnsignedString(vblock),
                  order.path);
            }
            out.mapping(vblock, data, 1, BlockTime.time(bt));
          });
    } catch (CorruptMetadataException e) {
      throw e.withPath(order.path);
    }
  }
}
