package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.device.FileBlockDevice;
import io.powercut.property.Gens;
import io.powercut.property.junit.Property;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.tools.RealTools;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine judged by the real thin-provisioning-tools 0.9.0: images the model-checked workloads
 * leave at commit points pass thin_check and dump (thin_dump, and thin_dump -m for a held metadata
 * snapshot) exactly as the model says; and images the real thin_restore writes open with every
 * detail and mapping of their XML, then survive the same workloads and still pass thin_check.
 */
@RequiresThinTools(
    value = ToolsGeneration.V0_9,
    tools = {ThinTool.THIN_CHECK, ThinTool.THIN_DUMP, ThinTool.THIN_RESTORE})
class PoolInteropTest {
  static final long METADATA_BLOCKS = 2048;

  @TempDir Path dir;

  /** thin_check passes and thin_dump shows exactly the committed model (sampled commits). */
  static void judge(Path image, ExpectedPool m) throws IOException {
    RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, image);
    assertDumps(image, m.devices, m, false);
    if (m.held != null) {
      RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, image, "-m");
      assertDumps(image, m.held, m, true);
    }
  }

  private static void assertDumps(
      Path image, Map<Long, ExpectedPool.Device> devices, ExpectedPool m, boolean snapshot)
      throws IOException {
    String xml =
        snapshot
            ? RealTools.thinDump(ToolsGeneration.V0_9, image, "-m")
            : RealTools.thinDump(ToolsGeneration.V0_9, image);
    ThinDumpXml.Dump d = ThinDumpXml.parse(xml);
    String what = snapshot ? "thin_dump -m" : "thin_dump";
    assertEquals(devices.keySet(), d.devices().keySet(), what + " devices");
    devices.forEach(
        (id, dev) -> {
          assertEquals(dev.details(), d.devices().get(id).details(), what + " details of " + id);
          assertEquals(dev.mappings, d.devices().get(id).mappings(), what + " mappings of " + id);
        });
    if (!snapshot) {
      assertEquals(m.transactionId, d.transactionId(), what + " transaction");
      assertEquals(m.time, d.time(), what + " time");
      assertEquals(m.dataSize, d.nrDataBlocks(), what + " nr_data_blocks");
    }
  }

  @Test
  void imagesAtCommitPointsPassThinCheckAndDumpAsTheModel() {
    Property.forAll(Gens.listOf(PoolOp.gen(new PoolOp.Shape(5, 600, 300, 500)), 1, 50))
        .seeds(10)
        .check(
            (List<PoolOp> ops) -> {
              Path image = Files.createTempFile(dir, "pool", ".bin");
              Files.delete(image);
              try (FileBlockDevice device = FileBlockDevice.create(image, METADATA_BLOCKS)) {
                PoolHarness h =
                    new PoolHarness(
                        device,
                        2000,
                        256,
                        hh -> {
                          PoolHarness.audit(hh);
                          if (hh.commits % 4 == 1) {
                            judge(image, hh.committed);
                          }
                        });
                for (PoolOp op : ops) {
                  h.apply(op);
                }
                h.finish();
                judge(image, h.committed);
              } finally {
                Files.deleteIfExists(image);
              }
            });
  }

  /** A random pool: origins, snapshots sharing most of their origin's blocks, some rewritten. */
  static ExpectedPool randomPool(SplittableRandom r) {
    ExpectedPool m = new ExpectedPool(3000 + r.nextInt(3000));
    List<Long> free = new ArrayList<>();
    for (long b = 0; b < m.dataSize; b++) {
      free.add(b);
    }
    java.util.Collections.shuffle(free, new java.util.Random(r.nextLong()));
    m.transactionId = r.nextInt(100);
    int origins = 1 + r.nextInt(3);
    for (long dev = 0; dev < origins; dev++) {
      m.createThin(dev);
      int n = r.nextInt(700);
      long v = r.nextInt(100);
      for (int i = 0; i < n; i++) {
        v += 1 + (r.nextInt(4) == 0 ? r.nextInt(50) : 0);
        m.mapAt(dev, v, free.remove(free.size() - 1), 0);
      }
    }
    int snapshots = r.nextInt(4);
    for (int s = 0; s < snapshots; s++) {
      long snap = 10 + s;
      m.createSnapshot(snap, r.nextInt(origins));
      for (long v : new ArrayList<>(m.devices.get(snap).mappings.keySet())) {
        if (r.nextInt(10) == 0) {
          m.map(snap, v, free.remove(free.size() - 1));
        }
      }
    }
    return m;
  }

  @PropertyTest(seeds = 6)
  void imagesTheRealThinRestoreWritesOpenAndStayValidAfterChanges(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    ExpectedPool model = randomPool(r);
    Path xml = dir.resolve("pool.xml");
    Files.writeString(xml, ThinDumpXml.write(model, 128));
    Path image = dir.resolve("restored.bin");
    RealTools.restore(ToolsGeneration.V0_9, xml, image, METADATA_BLOCKS);
    List<PoolOp> ops = Gens.listOf(PoolOp.gen(new PoolOp.Shape(14, 800, 200, 300)), 20, 60).next(r);
    try (FileBlockDevice device = FileBlockDevice.open(image)) {
      // Opening compares every device, detail and mapping with the XML's model.
      PoolHarness h =
          new PoolHarness(
              device,
              model,
              256,
              hh -> RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, image));
      for (PoolOp op : ops) {
        h.apply(op);
      }
      h.finish();
      judge(image, h.committed);
    }
  }
}
