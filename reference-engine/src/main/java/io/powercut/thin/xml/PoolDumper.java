package io.powercut.thin.xml;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Validator;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.ValueType;
import io.powercut.pdata.tm.TransactionManager;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.PoolOperationException.Reason;
import io.powercut.thin.Superblock;
import io.powercut.thin.SuperblockRules;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a pool image without writing to it and streams it as pool events (thin_dump): the
 * superblock, then every device in id order with its mappings in virtual-block order. It reports
 * what thin_dump 0.9.0 reports (an empty uuid, nr_data_blocks from the data space map, 0 for a
 * metadata snapshot) and refuses what it would dump wrongly or not at all: a device in only one of
 * the details and mapping trees, mappings out of order, a data block beyond the data device, a
 * device id too wide for the XML. Every such refusal is a {@link CorruptMetadataException} naming
 * the block, the rule and the path; a handler may have received part of the pool by then.
 */
public final class PoolDumper {
  private static final long MAX_XML_DEV_ID = 0xFFFF_FFFFL;

  private final BlockManager bm;
  private final Validator sbValidator = Superblock.validator(Bugs.NONE);
  private final BTree details;
  private final BTree topLevel;
  private final BTree deviceMappings;

  private PoolDumper(BlockDevice device) {
    this.bm = new BlockManager(device, BlockManager.DEFAULT_CACHE_BLOCKS, Bugs.NONE);
    // Reads only: no space map is attached, and nothing is ever shadowed or written.
    TransactionManager tm = new TransactionManager(bm);
    this.details = new BTree(tm, 1, ValueType.opaque(DeviceDetails.SIZE));
    this.topLevel = new BTree(tm, 1, ValueType.opaque(8));
    this.deviceMappings = new BTree(tm, 1, ValueType.opaque(8));
  }

  /**
   * Dumps the pool on {@code device}, or with {@code metadataSnapshot} the metadata snapshot it
   * holds (as {@code thin_dump -m}).
   *
   * @throws CorruptMetadataException for metadata that breaks the format
   * @throws PoolOperationException when a metadata snapshot is asked for and none is held
   */
  public static void dump(BlockDevice device, boolean metadataSnapshot, PoolXmlHandler out)
      throws IOException {
    dump(device, metadataSnapshot, DumpCompat.V0_9, out);
  }

  /**
   * Dumps as {@code compat}'s thin_dump does: for 1.1, the leaves devices share go first as shared
   * definitions (see {@link LeafRuns}), and a metadata snapshot's nr_data_blocks is its own
   * superblock's.
   */
  public static void dump(
      BlockDevice device, boolean metadataSnapshot, DumpCompat compat, PoolXmlHandler out)
      throws IOException {
    new PoolDumper(device).dump(metadataSnapshot, compat, out);
  }

  private void dump(boolean metadataSnapshot, DumpCompat compat, PoolXmlHandler out)
      throws IOException {
    Superblock sb = readSuperblock(Superblock.LOCATION, "superblock");
    long nrDataBlocks = sb.dataSpaceMapRoot().nrBlocks();
    if (metadataSnapshot) {
      if (sb.heldRoot() == 0) {
        throw new PoolOperationException(
            Reason.NO_SNAPSHOT, "no metadata snapshot is held (superblock metadata_snap is 0)");
      }
      String path = "superblock > metadata_snap " + sb.heldRoot();
      sb = readSuperblock(sb.heldRoot(), path);
      // A snapshot keeps no space maps, so the data device size is unknown: thin_dump 0.9.0
      // says 0, 1.1.0 what the copy's (zeroed) data space-map root says.
      nrDataBlocks = compat == DumpCompat.V0_9 ? 0 : sb.dataSpaceMapRoot().nrBlocks();
    }
    Map<Long, DeviceDetails> devices = readDetails(sb.deviceDetailsRoot());
    Map<Long, Long> subtrees = readTopLevel(sb.dataMappingRoot());
    checkSameDevices(sb, devices, subtrees);

    out.beginSuperblock(
        new XmlSuperblock(
            "",
            sb.time(),
            sb.transactionId(),
            sb.flags(),
            sb.version(),
            sb.dataBlockSize(),
            nrDataBlocks,
            0));
    long bound = metadataSnapshot ? -1 : nrDataBlocks;
    if (compat == DumpCompat.V1_1) {
      new SharedLeafDump(deviceMappings, bound).dump(devices, subtrees, out);
      out.endSuperblock();
      return;
    }
    for (Map.Entry<Long, Long> e : subtrees.entrySet()) {
      long dev = e.getKey();
      DeviceDetails d = devices.get(dev);
      out.beginDevice(xmlDevice(dev, d));
      dumpMappings(dev, e.getValue(), bound, out);
      out.endDevice();
    }
    out.endSuperblock();
  }

  /** A device's details as the XML prints them. */
  static XmlDevice xmlDevice(long dev, DeviceDetails d) {
    return new XmlDevice(
        dev, d.mappedBlocks(), d.transactionId(), d.creationTime(), d.snapshottedTime());
  }

  /**
   * Reads the superblock at {@code location}, refusing what the kernel refuses or no dump can say.
   */
  private Superblock readSuperblock(long location, String path) throws IOException {
    Superblock sb;
    try (Block b = bm.read(location, sbValidator)) {
      sb = Superblock.read(b.data());
    } catch (CorruptMetadataException e) {
      throw e.withPath(path);
    }
    SuperblockRules.require(SuperblockRules.readable(location, sb), path);
    return sb;
  }

  private Map<Long, DeviceDetails> readDetails(long root) throws IOException {
    Map<Long, DeviceDetails> devices = new TreeMap<>(Long::compareUnsigned);
    try {
      details.forEach(root, (dev, d, off) -> devices.put(dev, DeviceDetails.read(d, off)));
    } catch (CorruptMetadataException e) {
      throw e.withPath("superblock > device details tree " + root);
    }
    return devices;
  }

  private Map<Long, Long> readTopLevel(long root) throws IOException {
    Map<Long, Long> subtrees = new TreeMap<>(Long::compareUnsigned);
    try {
      topLevel.forEach(root, (dev, d, off) -> subtrees.put(dev, Le.u64(d, off)));
    } catch (CorruptMetadataException e) {
      throw e.withPath("superblock > mapping tree " + root);
    }
    return subtrees;
  }

  private static void checkSameDevices(
      Superblock sb, Map<Long, DeviceDetails> devices, Map<Long, Long> subtrees)
      throws CorruptMetadataException {
    for (long dev : subtrees.keySet()) {
      if (!devices.containsKey(dev)) {
        throw new CorruptMetadataException(
            sb.deviceDetailsRoot(),
            "device in both trees",
            "device " + Long.toUnsignedString(dev) + " has mappings but no details",
            "superblock > device details tree " + sb.deviceDetailsRoot());
      }
      if (Long.compareUnsigned(dev, MAX_XML_DEV_ID) > 0) {
        throw CorruptMetadataException.expected(
            sb.dataMappingRoot(),
            "device id",
            "at most " + MAX_XML_DEV_ID,
            Long.toUnsignedString(dev),
            "superblock > mapping tree " + sb.dataMappingRoot());
      }
    }
    for (long dev : devices.keySet()) {
      if (!subtrees.containsKey(dev)) {
        throw new CorruptMetadataException(
            sb.dataMappingRoot(),
            "device in both trees",
            "device " + Long.toUnsignedString(dev) + " has details but no mapping tree",
            "superblock > mapping tree " + sb.dataMappingRoot());
      }
    }
  }

  /** Streams one device's mappings; {@code nrDataBlocks} -1 means the data size is unknown. */
  private void dumpMappings(long dev, long root, long nrDataBlocks, PoolXmlHandler out)
      throws IOException {
    DumpedMappings mappings =
        new DumpedMappings(
            "superblock > mapping tree > device " + dev + " > subtree " + root, nrDataBlocks, out);
    try {
      deviceMappings.forEach(root, (vblock, d, off) -> mappings.add(root, vblock, d, off));
    } catch (CorruptMetadataException e) {
      throw e.withPath(mappings.path());
    }
  }
}
