package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FileBlockDevice;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.tools.RealTools;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our restore and dump judged by the real thin-provisioning-tools 0.9.0: thin_check accepts every
 * image we restore; thin_dump prints our image exactly as it prints thin_restore's image of the
 * same XML; our dump of thin_restore's image is byte-identical to thin_dump's; and images the
 * engine writes through its own operations dump identically with ours and thin_dump, metadata
 * snapshot included.
 */
@RequiresThinTools(
    value = ToolsGeneration.V0_9,
    tools = {ThinTool.THIN_CHECK, ThinTool.THIN_DUMP, ThinTool.THIN_RESTORE})
class ThinToolsInteropTest {
  /** The bench's generator, used when present (it lives outside the repository). */
  private static final Path GEN_POOL =
      Path.of(System.getProperty("powercut.genPool", "/work/shared/bench/gen-pool.py"));

  @TempDir Path dir;

  @PropertyTest(seeds = 12)
  void generatedPoolsAgreeWithTheRealTools(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    PoolSpec spec = PoolSpecs.anyOrder(400).next(r);
    Path xml = dir.resolve("pool.xml");
    Files.writeString(xml, spec.inputXml(r.nextBoolean()));
    String ours = assertAgree(xml);
    assertEquals(spec.expectedDump(), ours);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--devs 1 --mappings 0",
        "--devs 3 --mappings 700 --seed 2",
        "--devs 2 --mappings 3000 --snapshots 2 --run 4 --seed 3",
        "--devs 4 --mappings 1000 --snapshots 1 --run 16 --seed 7",
        "--devs 1 --mappings 20000 --run 1 --seed 11",
        // Restore's fast path: three-level trees, a last leaf under a third full (63505 =
        // 252 * 252 + 1), many devices, data blocks with three references (the overflow tree).
        "--devs 2 --mappings 63505 --run 3 --seed 5",
        "--devs 40 --mappings 253 --snapshots 2 --seed 9"
      })
  void genPoolOutputAgreesWithTheRealTools(String options)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Files.isRegularFile(GEN_POOL), () -> "no " + GEN_POOL + " (set -Dpowercut.genPool)");
    Path xml = dir.resolve("pool.xml");
    List<String> cmd = new ArrayList<>(List.of("python3", GEN_POOL.toString()));
    cmd.addAll(List.of(options.split(" ")));
    Process p = new ProcessBuilder(cmd).redirectOutput(xml.toFile()).start();
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "gen-pool.py timed out");
    assertEquals(0, p.exitValue(), "gen-pool.py " + options);
    assertAgree(xml);
  }

  @PropertyTest(seeds = 8)
  void poolsTheEngineWritesDumpLikeThinDump(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Path image = dir.resolve("engine.bin");
    EnginePools.write(image, r);
    RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, image);
    try (FileBlockDevice device = FileBlockDevice.open(image)) {
      assertEquals(
          RealTools.thinDump(ToolsGeneration.V0_9, image), RestoreDumpTest.dump(device, false));
      boolean held;
      try (PoolMetadata pool = PoolMetadata.open(device)) {
        held = pool.metadataSnapshot() != 0;
      }
      if (held) {
        assertEquals(
            RealTools.thinDump(ToolsGeneration.V0_9, image, "-m"),
            RestoreDumpTest.dump(device, true));
      }
    }
  }

  @Test
  void aVersionOneImageWithUuidAndFlagsMatches() throws IOException {
    Path xml = dir.resolve("pool.xml");
    Files.writeString(
        xml,
        """
        <superblock uuid="abc&amp;&quot;def" time="7" transaction="9" flags="1" data_block_size="128" nr_data_blocks="100">
          <device dev_id="5" mapped_blocks="99" transaction="3" creation_time="1" snap_time="2">
          </device>
        </superblock>
        """);
    assertAgree(xml);
    // thin_restore copies the uuid's bytes into the superblock; so do we.
    byte[] ours = new byte[16];
    byte[] theirs = new byte[16];
    try (RandomAccessFile a = new RandomAccessFile(dir.resolve("ours.bin").toFile(), "r");
        RandomAccessFile b = new RandomAccessFile(dir.resolve("theirs.bin").toFile(), "r")) {
      a.seek(16);
      a.readFully(ours);
      b.seek(16);
      b.readFully(theirs);
    }
    assertEquals(
        new String(theirs, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
  }

  /**
   * Restores {@code xml} with both tools and checks the four agreements; returns our dump of our
   * image.
   */
  private String assertAgree(Path xml) throws IOException {
    PoolSizer sizer = new PoolSizer();
    try (InputStream in = Files.newInputStream(xml)) {
      PoolXmlReader.read(in, xml.toString(), sizer);
    }
    Path ours = dir.resolve("ours.bin");
    Path theirs = dir.resolve("theirs.bin");
    Files.deleteIfExists(ours);
    try (FileBlockDevice device = FileBlockDevice.create(ours, sizer.metadataBlocks());
        InputStream in = Files.newInputStream(xml)) {
      PoolXmlReader.read(in, xml.toString(), new PoolBuilder(device));
    }
    RealTools.restore(ToolsGeneration.V0_9, xml, theirs, sizer.metadataBlocks() * 2);

    RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, ours);
    String thinOfTheirs = RealTools.thinDump(ToolsGeneration.V0_9, theirs);
    assertEquals(
        thinOfTheirs,
        RealTools.thinDump(ToolsGeneration.V0_9, ours),
        "thin_dump of our image vs of thin_restore's");
    try (FileBlockDevice device = FileBlockDevice.open(theirs)) {
      assertEquals(thinOfTheirs, RestoreDumpTest.dump(device, false), "our dump of theirs");
    }
    try (FileBlockDevice device = FileBlockDevice.open(ours)) {
      String ourDump = RestoreDumpTest.dump(device, false);
      assertEquals(thinOfTheirs, ourDump, "our dump of our image");
      return ourDump;
    }
  }
}
