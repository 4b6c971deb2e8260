package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FileBlockDevice;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.tools.RealTools;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with thin-provisioning-tools 1.1.0 (the Rust generation), both ways, on the pools the
 * 0.9.0 interop tests use (several devices, runs, empty devices, sparse and huge block numbers,
 * format versions 1 and 2) and on pools the engine writes (snapshots sharing subtrees, a held
 * metadata snapshot): 1.1.0's thin_check accepts our images; we open, check clean and dump the
 * images its thin_restore writes; our restore takes its thin_dump's XML (shared {@code <def>}s and
 * all) and its thin_restore takes our dump's; and our {@code dump --compat 1.1} is its thin_dump
 * byte for byte.
 */
@RequiresThinTools(ToolsGeneration.V1_1)
class ThinTools11InteropTest {
  private static final ToolsGeneration V11 = ToolsGeneration.V1_1;

  @TempDir Path dir;

  @PropertyTest(seeds = 16)
  void generatedPoolsInteroperateBothWays(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    // 1.1.0's thin_check counts a data block once per leaf however many of its mappings name it;
    // the kernel never maps one data block twice in a device, so such pools are drawn again (a
    // skip would leave most seeds testing nothing).
    PoolSpec spec = null;
    for (int attempt = 0; attempt < 200 && spec == null; attempt++) {
      PoolSpec drawn = valid(PoolSpecs.sorted(400).next(r), r);
      spec = mapsADataBlockTwice(drawn) ? null : drawn;
    }
    assertNotNull(spec, "200 pools drawn, each mapping a data block twice in a device");
    Path xml = dir.resolve("pool.xml");
    Files.writeString(xml, spec.inputXml(r.nextBoolean()));
    long blocks = blocksFor(xml);

    // Ours -> theirs: thin_check accepts our image, thin_dump prints it as our --compat 1.1 does.
    Path ours = restoreOurs(xml, blocks);
    RealTools.assertThinCheckPasses(V11, ours);
    String theirDumpOfOurs = thinDump(ours);
    assertEquals(theirDumpOfOurs, dump(ours, false, DumpCompat.V1_1), "dump --compat 1.1 of ours");

    // Theirs -> ours: their XML restores with ours to the same pool.
    Files.writeString(dir.resolve("theirs.xml"), theirDumpOfOurs);
    Path again = restoreOurs(dir.resolve("theirs.xml"), blocks);
    assertEquals(spec.expectedDump(), dump(again, false, DumpCompat.V0_9), "restore of 1.1 XML");

    // Our dump's XML restores with their thin_restore (which keeps mapped_blocks as the XML says,
    // so it gets our dump, not the input); we open, check clean and dump their image.
    Path ourDump = dir.resolve("ours.xml");
    Files.writeString(ourDump, dump(ours, false, DumpCompat.V0_9));
    Path theirs = restoreTheirs(ourDump, blocks);
    RealTools.assertThinCheckPasses(V11, theirs);
    assertClean(theirs);
    // 1.1.0's thin_restore writes format version 2 and no flags whatever the XML says.
    assertEquals(
        spec.expectedDump()
            .replaceFirst(" version=\"1\"", " version=\"2\"")
            .replaceFirst(" flags=\"1\"", " flags=\"0\""),
        dump(theirs, false, DumpCompat.V0_9),
        "our dump of theirs");
    assertEquals(thinDump(theirs), dump(theirs, false, DumpCompat.V1_1), "--compat 1.1 of theirs");
  }

  private static boolean mapsADataBlockTwice(PoolSpec spec) {
    for (PoolSpec.Device d : spec.devices()) {
      java.util.Set<Long> seen = new java.util.HashSet<>();
      for (long[] m : d.finalMappings().values()) {
        if (!seen.add(m[0])) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code spec} made a pool every checker accepts: the pool's time no earlier than its mappings',
   * and a data block size 1.1.0's thin_restore takes (a power of two from 128 sectors).
   */
  private static PoolSpec valid(PoolSpec spec, SplittableRandom r) {
    long time = spec.time();
    for (PoolSpec.Device d : spec.devices()) {
      for (long[] m : d.mappings()) {
        time = Math.max(time, m[3]);
      }
    }
    return new PoolSpec(
        spec.uuid(),
        time,
        spec.transaction(),
        spec.flags(),
        spec.version(),
        128L << r.nextInt(5),
        spec.nrDataBlocks(),
        spec.devices());
  }

  /** Snapshots share whole subtrees here, so 1.1's dump has <def>s; a metadata snapshot is held. */
  @PropertyTest(seeds = 6)
  void enginePoolsWithSharedSubtreesInteroperate(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Path image = dir.resolve("engine.bin");
    boolean held = EnginePools.write(image, r);
    RealTools.assertThinCheckPasses(V11, image);
    for (boolean snapshot : held ? new boolean[] {false, true} : new boolean[] {false}) {
      String theirs = snapshot ? thinDump(image, "-m") : thinDump(image);
      assertEquals(theirs, dump(image, snapshot, DumpCompat.V1_1), "--compat 1.1, -m " + snapshot);
      if (!snapshot) {
        Path xml = dir.resolve("shared.xml");
        Files.writeString(xml, theirs);
        Path restored = restoreOurs(xml, blocksFor(xml));
        assertClean(restored);
        assertEquals(dump(image, false, DumpCompat.V0_9), dump(restored, false, DumpCompat.V0_9));
        Path back = restoreTheirs(xml, blocksFor(xml));
        assertClean(back);
        // Their restore shares leaves of its own making, so only the pool must be the same.
        assertEquals(dump(image, false, DumpCompat.V0_9), dump(back, false, DumpCompat.V0_9));
        assertEquals(thinDump(back), dump(back, false, DumpCompat.V1_1), "--compat 1.1 of theirs");
      }
    }
  }

  private long blocksFor(Path xml) throws IOException {
    PoolSizer sizer = new PoolSizer();
    try (InputStream in = Files.newInputStream(xml)) {
      PoolXmlReader.read(in, xml.toString(), sizer);
    }
    return sizer.metadataBlocks() * 2;
  }

  private Path restoreOurs(Path xml, long blocks) throws IOException {
    Path image = Files.createTempFile(dir, "ours", ".bin");
    Files.delete(image);
    try (FileBlockDevice device = FileBlockDevice.create(image, blocks);
        InputStream in = Files.newInputStream(xml)) {
      PoolXmlReader.read(in, xml.toString(), new PoolBuilder(device));
    }
    return image;
  }

  private Path restoreTheirs(Path xml, long blocks) throws IOException {
    Path image = Files.createTempFile(dir, "theirs", ".bin");
    RealTools.restore(V11, xml, image, blocks);
    return image;
  }

  private static void assertClean(Path image) throws IOException {
    try (FileBlockDevice device = FileBlockDevice.open(image)) {
      CheckReport report = MetadataChecker.check(device, CheckOptions.DEFAULT);
      assertTrue(report.clean(), report::toString);
      try (PoolMetadata pool = PoolMetadata.open(device)) {
        for (long dev : pool.devices()) {
          pool.forEachMapping(dev, (v, m) -> {});
        }
      }
    }
  }

  static String dump(Path image, boolean snapshot, DumpCompat compat) throws IOException {
    try (FileBlockDevice device = FileBlockDevice.open(image)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PoolDumper.dump(device, snapshot, compat, new PoolXmlWriter(out, compat));
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static String thinDump(Path image, String... options) throws IOException {
    String xml = RealTools.thinDump(V11, image, options);
    if (options.length == 0) {
      // Our reader takes it (a -m dump says nr_data_blocks 0, so no restore could).
      PoolXmlReader.read(
          new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
          "thin_dump",
          new PoolSizer());
    }
    return xml;
  }
}
