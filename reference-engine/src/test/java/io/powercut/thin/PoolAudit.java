package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.ExpectedRefCounts;
import io.powercut.pdata.Le;
import io.powercut.pdata.SpaceMapDecoder;
import io.powercut.pdata.TreeRulesWalker;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a committed pool image without the engine's pool code, as a strict checker would: walks
 * both trees (and the metadata snapshot's) with the format-rule {@link TreeRulesWalker}, decodes
 * both space maps, and requires every metadata and data block count to equal the references found.
 * It returns what the image holds, for comparison with a model.
 */
final class PoolAudit {
  /** A device as the image holds it. */
  record Device(DeviceDetails details, TreeMap<Long, ExpectedPool.Map1> mappings) {}

  /** What a committed image holds. */
  record Image(Superblock superblock, TreeMap<Long, Device> devices, TreeMap<Long, Device> held) {}

  private PoolAudit() {}

  /**
   * Audits the image on {@code device}; {@code orphans} are data blocks allocated and never mapped,
   * which hold a reference no tree shows.
   */
  static Image audit(BlockDevice device, Set<Long> orphans) throws IOException {
    TransactionManager tm = new TransactionManager(new BlockManager(device));
    Superblock sb = superblock(tm, Superblock.LOCATION);
    ExpectedRefCounts metadata = new ExpectedRefCounts();
    ExpectedRefCounts data = new ExpectedRefCounts();
    orphans.forEach(data::add);
    metadata.add(Superblock.LOCATION);
    TreeRulesWalker walker = new TreeRulesWalker(tm, metadata);
    TreeMap<Long, Device> devices = walkPool(tm, walker, data, sb, "");
    TreeMap<Long, Device> held = null;
    if (sb.heldRoot() != 0) {
      metadata.add(sb.heldRoot());
      Superblock copy = superblock(tm, sb.heldRoot());
      assertEquals(0, copy.dataSpaceMapRoot().nrBlocks(), "held copy's data sm root is zero");
      assertEquals(0, copy.heldRoot());
      held = walkPool(tm, walker, data, copy, "metadata snapshot > ");
    }
    SpaceMapDecoder decoder = new SpaceMapDecoder(tm, metadata);
    Map<Long, Long> dataCounts = decoder.data(sb.dataSpaceMapRoot());
    data.assertMatches(dataCounts, "data");
    metadata.assertMatches(decoder.metadata(sb.metadataSpaceMapRoot()), "metadata");
    for (long b : data.asMap().keySet()) {
      assertTrue(b < sb.dataSpaceMapRoot().nrBlocks(), "data block " + b + " beyond the device");
    }
    assertEquals(sb.metadataSpaceMapRoot().nrBlocks(), sb.metadataNrBlocks(), "metadata_nr_blocks");
    return new Image(sb, devices, held);
  }

  static Superblock superblock(TransactionManager tm, long at) throws IOException {
    try (Block b = tm.read(at, Superblock.validator(Bugs.NONE))) {
      Superblock sb = Superblock.read(b.data());
      assertEquals(Superblock.MAGIC, sb.magic());
      assertEquals(Superblock.VERSION, sb.version());
      return sb;
    }
  }

  private static TreeMap<Long, Device> walkPool(
      TransactionManager tm,
      TreeRulesWalker walker,
      ExpectedRefCounts data,
      Superblock sb,
      String where)
      throws IOException {
    walker.walk(
        sb.dataMappingRoot(),
        new TreeRulesWalker.Shape(
            2, 8, (k, d, off) -> data.add(BlockTime.dataBlock(Le.u64(d, off)))),
        where + "mapping tree");
    walker.walk(
        sb.deviceDetailsRoot(),
        new TreeRulesWalker.Shape(1, DeviceDetails.SIZE),
        where + "details");
    TreeMap<Long, TreeMap<Long, ExpectedPool.Map1>> mappings = new TreeMap<>();
    for (Map.Entry<List<Long>, byte[]> e :
        TreeRulesWalker.entries(tm, sb.dataMappingRoot(), new TreeRulesWalker.Shape(2, 8))
            .entrySet()) {
      long bt = Le.u64(e.getValue(), 0);
      mappings
          .computeIfAbsent(e.getKey().get(0), k -> new TreeMap<>())
          .put(
              e.getKey().get(1),
              new ExpectedPool.Map1(BlockTime.dataBlock(bt), BlockTime.time(bt)));
    }
    // A device with no mappings still has an (empty) subtree: find it from the top level.
    for (Map.Entry<List<Long>, byte[]> e :
        TreeRulesWalker.entries(tm, sb.dataMappingRoot(), new TreeRulesWalker.Shape(1, 8))
            .entrySet()) {
      mappings.computeIfAbsent(e.getKey().get(0), k -> new TreeMap<>());
    }
    TreeMap<Long, Device> devices = new TreeMap<>();
    for (Map.Entry<List<Long>, byte[]> e :
        TreeRulesWalker.entries(
                tm, sb.deviceDetailsRoot(), new TreeRulesWalker.Shape(1, DeviceDetails.SIZE))
            .entrySet()) {
      long dev = e.getKey().get(0);
      DeviceDetails details = DeviceDetails.read(e.getValue(), 0);
      TreeMap<Long, ExpectedPool.Map1> m = mappings.remove(dev);
      assertTrue(m != null, where + "device " + dev + " has details but no mapping tree");
      assertEquals(m.size(), details.mappedBlocks(), where + "mapped_blocks of device " + dev);
      devices.put(dev, new Device(details, m));
    }
    assertTrue(mappings.isEmpty(), where + "mapping trees without details: " + mappings.keySet());
    return devices;
  }
}
