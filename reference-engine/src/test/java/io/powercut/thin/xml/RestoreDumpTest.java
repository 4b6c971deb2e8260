package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.Mapping;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.Superblock;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Restore (PoolBuilder) and dump (PoolDumper) against the pool the XML describes. */
class RestoreDumpTest {
  /** Restores {@code xml} onto a new memory device sized as the restore command would. */
  static MemoryBlockDevice restore(String xml) throws IOException {
    PoolSizer sizer = new PoolSizer();
    PoolXmlReader.read(stream(xml), "pool.xml", sizer);
    MemoryBlockDevice device = new MemoryBlockDevice(sizer.metadataBlocks());
    PoolBuilder builder = new PoolBuilder(device, 256);
    PoolXmlReader.read(stream(xml), "pool.xml", builder);
    assertTrue(builder.isDone());
    return device;
  }

  static String dump(BlockDevice device, boolean snapshot) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PoolDumper.dump(device, snapshot, new PoolXmlWriter(out));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ByteArrayInputStream stream(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  @PropertyTest(seeds = 40)
  void aRestoredPoolDumpsAsTheXmlSays(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    PoolSpec spec = PoolSpecs.anyOrder(300).next(r);
    MemoryBlockDevice device = restore(spec.inputXml(r.nextBoolean()));
    assertEquals(spec.expectedDump(), dump(device, false));
  }

  @PropertyTest(seeds = 25)
  void restoredCountsAreExact(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    PoolSpec spec = PoolSpecs.anyOrder(200).next(r);
    MemoryBlockDevice device = restore(spec.inputXml(true));
    try (PoolMetadata pool = PoolMetadata.open(device)) {
      Superblock sb = pool.committedSuperblock();
      assertArrayEquals(PoolBuilder.uuidBytes(spec.uuid()), sb.uuid());
      assertEquals(spec.version(), sb.version());
      assertEquals(spec.time(), pool.time());
      assertEquals(spec.transaction(), pool.transactionId());
      assertEquals(spec.flags() != 0, pool.needsCheck());
      assertEquals(spec.dataBlockSize(), pool.dataBlockSize());
      java.util.Set<Long> used = new java.util.HashSet<>();
      for (PoolSpec.Device d : spec.devices()) {
        var m = d.finalMappings();
        assertEquals(m.size(), pool.mappedCount(d.id()), "mapped_blocks of device " + d.id());
        m.values().forEach(v -> used.add(v[0]));
        for (var e : m.entrySet()) {
          Mapping got = pool.findBlock(d.id(), e.getKey());
          assertEquals(e.getValue()[0], got.dataBlock());
          assertEquals(e.getValue()[1], got.time());
          break; // one lookup per device; the dump checks the rest
        }
      }
      assertEquals(spec.nrDataBlocks() - used.size(), pool.freeDataBlocks());
      // Each mapping took one reference: deleting every device must free every data block
      // (a count too high leaks, one too low fails on the way down).
      for (PoolSpec.Device d : spec.devices()) {
        pool.deleteDevice(d.id());
      }
      pool.commit();
      assertEquals(spec.nrDataBlocks(), pool.freeDataBlocks());
    }
  }

  /**
   * Device sizes at the edges of the fast path's trees: empty, one leaf, a last leaf under a third
   * full (its entries shared with the one before), two and three levels.
   */
  private static final int[] EDGE_SIZES = {
    0, 1, 83, 84, 252, 253, 335, 336, 504, 505, 252 * 252, 252 * 252 + 1, 252 * 253 + 83
  };

  /**
   * {@code count} ascending mappings in runs of 1 to 40 with gaps: {origin, data, length, time}.
   */
  private static List<long[]> sortedRuns(SplittableRandom r, int count, long nrData) {
    List<long[]> out = new ArrayList<>();
    long vblock = r.nextInt(1000);
    for (int left = count; left > 0; ) {
      int run = Math.min(left, r.nextInt(3) == 0 ? 1 + r.nextInt(40) : 1);
      out.add(new long[] {vblock, r.nextLong(nrData - run), run, r.nextInt(3)});
      vblock += run + r.nextInt(3);
      left -= run;
    }
    return out;
  }

  /**
   * Input in thin_dump's order takes the fast path (trees built bottom-up, data references counted
   * in bulk): every tree shape, many devices, data blocks shared by up to five devices (counts in
   * the overflow tree), and devices whose input turns out of order part-way, where the general path
   * takes over the tree built so far. The strict checker finds nothing, the dump is the input, and
   * deleting every device frees every block.
   */
  @Test
  void theFastPathBuildsValidTreesOfEveryShape() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    long nrData = 1_000_000;
    List<PoolSpec.Device> devices = new ArrayList<>();
    long id = 5000;
    for (int size : EDGE_SIZES) {
      devices.add(new PoolSpec.Device(id--, 0, 0, 0, sortedRuns(r, size, nrData)));
    }
    List<long[]> shared = sortedRuns(r, 700, nrData);
    for (int i = 0; i < 5; i++) {
      devices.add(new PoolSpec.Device(id--, 0, 0, 0, shared));
    }
    for (int i = 0; i < 200; i++) {
      devices.add(new PoolSpec.Device(id--, 1, 2, 3, sortedRuns(r, r.nextInt(600), nrData)));
    }
    for (int i = 0; i < 3; i++) {
      List<long[]> m = sortedRuns(r, 600, nrData);
      m.add(new long[] {m.get(r.nextInt(m.size()))[0], r.nextLong(nrData), 1, 1});
      m.addAll(sortedRuns(r, 300, nrData));
      devices.add(new PoolSpec.Device(id--, 0, 0, 0, m));
    }
    PoolSpec spec = new PoolSpec("", 3, 4, 0, 2, 128, nrData, devices);
    MemoryBlockDevice device = restore(spec.inputXml(true));
    assertEquals(spec.expectedDump(), dump(device, false));
    assertClean(device);
    try (PoolMetadata pool = PoolMetadata.open(device)) {
      for (PoolSpec.Device d : devices) {
        assertEquals(d.finalMappings().size(), pool.mappedCount(d.id()));
        pool.deleteDevice(d.id());
      }
      pool.commit();
      assertEquals(nrData, pool.freeDataBlocks());
    }
    assertClean(device);
  }

  private static void assertClean(BlockDevice device) throws IOException {
    CheckReport report = MetadataChecker.check(device, CheckOptions.DEFAULT);
    assertTrue(report.clean(), () -> report.problems().toString());
  }

  /** Large sorted pools, as thin_dump writes them: several levels per device, checked strictly. */
  @PropertyTest(seeds = 4)
  void largeSortedPoolsRestoreExactly(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    PoolSpec spec = timeCoveringItsMappings(PoolSpecs.sorted(70_000).next(r));
    MemoryBlockDevice device = restore(spec.inputXml(r.nextBoolean()));
    assertEquals(spec.expectedDump(), dump(device, false));
    assertClean(device);
  }

  /**
   * The spec with a superblock time no earlier than its latest mapping, as in every pool the kernel
   * writes (the strict checker refuses a mapping from the future; the reader does not).
   */
  private static PoolSpec timeCoveringItsMappings(PoolSpec spec) {
    long latest = spec.time();
    for (PoolSpec.Device d : spec.devices()) {
      for (long[] m : d.mappings()) {
        latest = Math.max(latest, m[3]);
      }
    }
    return new PoolSpec(
        spec.uuid(),
        latest,
        spec.transaction(),
        spec.flags(),
        spec.version(),
        spec.dataBlockSize(),
        spec.nrDataBlocks(),
        spec.devices());
  }

  /**
   * A large data device mapped all over: the restore shadows nearly every data bitmap, and the
   * committed copies stay allocated until it commits (the sizer once counted one copy, and this
   * pool ran out of metadata).
   */
  @Test
  void aPoolThatTouchesMostDataBitmapsFitsItsSizedImage() throws IOException {
    SplittableRandom r = new SplittableRandom(0x2ac2ce17a5794a3bL);
    PoolSpec spec = PoolSpecs.sorted(70_000).next(r);
    MemoryBlockDevice device = restore(spec.inputXml(r.nextBoolean()));
    assertEquals(spec.expectedDump(), dump(device, false));
  }

  /** The reader refuses such input first; the engine does not rely on it. */
  @Test
  void theFastPathRefusesDataBlocksBeyondTheDataDevice() throws IOException {
    PoolBuilder b = new PoolBuilder(new MemoryBlockDevice(1024), 256);
    b.beginSuperblock(new XmlSuperblock("", 0, 0, 0, 2, 128, 10, 0));
    b.beginDevice(new XmlDevice(1, 0, 0, 0, 0));
    b.mapping(0, 7, 3, 0);
    PoolOperationException e =
        assertThrows(PoolOperationException.class, () -> b.mapping(3, 8, 3, 0));
    assertEquals(PoolOperationException.Reason.BAD_DATA_BLOCK, e.reason());
  }

  @Test
  void aLaterMappingOfTheSameBlockWinsAndReleasesTheFirst() throws IOException {
    String xml =
        """
        <superblock uuid="" time="1" transaction="1" data_block_size="128" nr_data_blocks="10">
          <device dev_id="1" mapped_blocks="0" transaction="0" creation_time="0" snap_time="0">
            <range_mapping origin_begin="0" data_begin="0" length="3" time="0"/>
            <single_mapping origin_block="1" data_block="7" time="1"/>
            <single_mapping origin_block="2" data_block="2" time="5"/>
          </device>
        </superblock>
        """;
    MemoryBlockDevice device = restore(xml);
    try (PoolMetadata pool = PoolMetadata.open(device)) {
      assertEquals(3, pool.mappedCount(1));
      assertEquals(new Mapping(7, 1, false), pool.findBlock(1, 1));
      assertEquals(new Mapping(2, 5, false), pool.findBlock(1, 2));
      assertEquals(10 - 3, pool.freeDataBlocks()); // blocks 0, 7, 2: block 1 was released
    }
  }

  @Test
  void snapshotsOwnTheirTreesSoSharedBlocksCountOncePerDevice() throws IOException {
    String dev =
        """
          <device dev_id="%d" mapped_blocks="0" transaction="0" creation_time="0" snap_time="0">
            <range_mapping origin_begin="0" data_begin="4" length="2" time="0"/>
          </device>
        """;
    MemoryBlockDevice device =
        restore(
            "<superblock uuid=\"\" time=\"1\" transaction=\"1\" data_block_size=\"128\""
                + " nr_data_blocks=\"10\">\n"
                + dev.formatted(1)
                + dev.formatted(2)
                + dev.formatted(3)
                + "</superblock>");
    try (PoolMetadata pool = PoolMetadata.open(device)) {
      assertEquals(8, pool.freeDataBlocks());
      pool.deleteDevice(1);
      pool.deleteDevice(2);
      pool.commit();
      assertEquals(8, pool.freeDataBlocks()); // device 3 still holds blocks 4 and 5
      pool.deleteDevice(3);
      pool.commit();
      assertEquals(10, pool.freeDataBlocks());
    }
  }

  @Test
  void dumpsAPoolTheEngineWroteIncludingItsMetadataSnapshot() throws IOException {
    MemoryBlockDevice device = new MemoryBlockDevice(4096);
    try (PoolMetadata pool = PoolMetadata.create(device, new PoolMetadata.Format(128, 100))) {
      pool.createThin(3);
      for (long v = 0; v < 5; v++) {
        pool.insertBlock(3, v * 2, pool.allocDataBlock());
      }
      pool.createSnapshot(9, 3);
      pool.insertBlock(3, 1, pool.allocDataBlock());
      pool.setTransactionId(0, 42);
      pool.reserveMetadataSnapshot();
      pool.removeBlock(9, 0);
    }
    String live =
        """
        <superblock uuid="" time="1" transaction="42" flags="0" version="2" data_block_size="128" nr_data_blocks="100">
          <device dev_id="3" mapped_blocks="6" transaction="0" creation_time="0" snap_time="1">
            <single_mapping origin_block="0" data_block="0" time="0"/>
            <single_mapping origin_block="1" data_block="5" time="1"/>
            <single_mapping origin_block="2" data_block="1" time="0"/>
            <single_mapping origin_block="4" data_block="2" time="0"/>
            <single_mapping origin_block="6" data_block="3" time="0"/>
            <single_mapping origin_block="8" data_block="4" time="0"/>
          </device>
          <device dev_id="9" mapped_blocks="4" transaction="0" creation_time="1" snap_time="1">
            <single_mapping origin_block="2" data_block="1" time="0"/>
            <single_mapping origin_block="4" data_block="2" time="0"/>
            <single_mapping origin_block="6" data_block="3" time="0"/>
            <single_mapping origin_block="8" data_block="4" time="0"/>
          </device>
        </superblock>
        """;
    assertEquals(live, dump(device, false));
    String snap =
        live.replace("nr_data_blocks=\"100\"", "nr_data_blocks=\"0\"")
            .replace(
                "mapped_blocks=\"4\" transaction=\"0\" creation_time=\"1\" snap_time=\"1\">\n",
                "mapped_blocks=\"5\" transaction=\"0\" creation_time=\"1\" snap_time=\"1\">\n"
                    + "    <single_mapping origin_block=\"0\" data_block=\"0\" time=\"0\"/>\n");
    assertEquals(snap, dump(device, true));
  }

  @Test
  void aDataDeviceTooBigForTheImageFailsAtOnce() {
    String xml =
        "<superblock uuid=\"\" time=\"0\" transaction=\"0\" data_block_size=\"128\""
            + " nr_data_blocks=\"1099511627776\"/>";
    PoolBuilder builder = new PoolBuilder(new MemoryBlockDevice(1024), 256);
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(5),
        () ->
            assertThrows(
                io.powercut.pdata.NoSpaceException.class,
                () -> PoolXmlReader.read(stream(xml), "pool.xml", builder)));
  }

  @Test
  void dumpingAMissingMetadataSnapshotIsRefused() throws IOException {
    MemoryBlockDevice device =
        restore(PoolSpecs.sorted(10).next(new SplittableRandom(1)).inputXml(true));
    PoolOperationException e = assertThrows(PoolOperationException.class, () -> dump(device, true));
    assertEquals(PoolOperationException.Reason.NO_SNAPSHOT, e.reason());
  }

  @Test
  void aCorruptLeafStopsTheDumpNamingBlockRuleAndPath() throws IOException {
    PoolSpec spec = PoolSpecs.sorted(50).next(new SplittableRandom(7));
    while (spec.mappingCount() == 0) {
      spec = PoolSpecs.sorted(50).next(new SplittableRandom(spec.hashCode()));
    }
    MemoryBlockDevice device = restore(spec.inputXml(true));
    // Find a mapping leaf (a node holding block_time values) and break its checksum.
    byte[] b = new byte[4096];
    long leaf = -1;
    long superblockMappingRoot;
    device.read(0, b);
    superblockMappingRoot = Le.u64(b, 320);
    for (long i = 1; i < device.blockCount() && leaf < 0; i++) {
      device.read(i, b);
      if (i != superblockMappingRoot
          && Checksum.stored(b) == Checksum.compute(b, BTreeNode.CHECKSUM_SALT)
          && BTreeNode.isLeaf(b)
          && BTreeNode.valueSize(b) == 8
          && BTreeNode.nrEntries(b) > 0
          && BTreeNode.key(b, 0)
              == spec.devices().stream()
                  .filter(d -> !d.mappings().isEmpty())
                  .findFirst()
                  .get()
                  .finalMappings()
                  .firstKey()) {
        leaf = i;
      }
    }
    assertTrue(leaf > 0, "no mapping leaf found");
    b[100] ^= 1;
    device.write(leaf, b);
    CorruptMetadataException e =
        assertThrows(CorruptMetadataException.class, () -> dump(device, false));
    assertEquals(leaf, e.block());
    assertTrue(e.rule().contains("checksum"), e::getMessage);
    assertTrue(e.path().contains("mapping tree > device"), e::getMessage);
  }

  @Test
  void aCorruptSuperblockIsNamed() throws IOException {
    MemoryBlockDevice device =
        restore(PoolSpecs.sorted(10).next(new SplittableRandom(2)).inputXml(true));
    byte[] b = new byte[4096];
    device.read(0, b);
    b[44] ^= 1; // the time field: the checksum no longer matches
    device.write(0, b);
    CorruptMetadataException e =
        assertThrows(CorruptMetadataException.class, () -> dump(device, false));
    assertEquals(0, e.block());
    assertEquals("superblock checksum", e.rule());
    assertEquals("superblock", e.path());
  }
}
