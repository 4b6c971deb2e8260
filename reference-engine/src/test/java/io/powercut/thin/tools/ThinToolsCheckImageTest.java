package io.powercut.thin.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.PoolMetadata;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Both generations' thin_check judge an in-memory image: they pass a pool and fail zeros. */
class ThinToolsCheckImageTest {
  @Test
  @RequiresThinTools(
      value = ToolsGeneration.V0_9,
      tools = {ThinTool.THIN_CHECK})
  void anInMemoryImageIsJudgedByThinCheck09() throws Exception {
    judged(ToolsGeneration.V0_9);
  }

  @Test
  @RequiresThinTools(
      value = ToolsGeneration.V1_1,
      tools = {ThinTool.THIN_CHECK})
  void anInMemoryImageIsJudgedByThinCheck11() throws Exception {
    judged(ToolsGeneration.V1_1);
  }

  private static void judged(ToolsGeneration g) throws IOException {
    MemoryBlockDevice good = new MemoryBlockDevice(1024);
    try (PoolMetadata pool = PoolMetadata.create(good, new PoolMetadata.Format(128, 1000))) {
      pool.createThin(0);
      pool.insertBlock(0, 7, pool.allocDataBlock());
    }
    ThinTools.Result ok = ThinTools.checkImage(g, good, Duration.ofSeconds(60));
    assertTrue(ok.ok(), ok.toString());
    ThinTools.Result bad =
        ThinTools.checkImage(g, new MemoryBlockDevice(1024), Duration.ofSeconds(60));
    assertFalse(bad.ok(), "an all-zero image has no superblock: " + bad);
    assertFalse(bad.killedBySignal() || bad.timedOut(), "a verdict, not a crash: " + bad);
  }

  @Test
  void generationsAreFoundByVersionAndNamedInTheirMissingReason() {
    for (ToolsGeneration g : ToolsGeneration.values()) {
      assertTrue(ToolsGeneration.parse(g.label()) == g);
      g.version().ifPresent(v -> assertTrue(v.startsWith(g.label() + "."), g + " printed " + v));
      assertTrue(g.missingReason().contains(g.label()), g.missingReason());
    }
    assertTrue(ToolsGeneration.V1_1.missingReason().contains("bash .ci/thin-tools-1.1"));
  }
}
