package io.powercut.thin.xml;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.BTreeLeaves;
import io.powercut.thin.DeviceDetails;
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
      DumpedMappings order = stretch("definition " + name, out);
      for (long leaf : def.getValue()) {
        emit(leaf, order);
      }
      out.endDef();
    }
    int i = 0;
    for (Map.Entry<Long, Long> e : subtrees.entrySet()) {
      long dev = e.getKey();
      DeviceDetails d = devices.get(dev);
      out.beginDevice(PoolDumper.xmlDevice(dev, d));
      DumpedMappings order = stretch("device " + dev + " > subtree " + e.getValue(), out);
      for (LeafRuns.Item item : runs.rewrite(sequences.get(i++))) {
        if (item.shared()) {
          out.ref(Long.toUnsignedString(item.block()));
          order = stretch("device " + dev + " > subtree " + e.getValue(), out);
        } else {
          emit(item.block(), order);
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
  private DumpedMappings stretch(String what, PoolXmlHandler out) {
    return new DumpedMappings("superblock > mapping tree > " + what, nrDataBlocks, out);
  }

  private void emit(long leaf, DumpedMappings order) throws IOException {
    try {
      leaves.forEachEntry(leaf, (vblock, d, off) -> order.add(leaf, vblock, d, off));
    } catch (CorruptMetadataException e) {
      throw e.withPath(order.path());
    }
  }
}
