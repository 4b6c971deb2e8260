package io.powercut.thin.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.property.RequiresExecutables;
import io.powercut.thin.PoolMetadata;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@RequiresExecutables(value = "thin_check", install = ThinTools.INSTALL)
class ThinToolsCheckImageTest {
  @Test
  void anInMemoryImageIsJudgedByTheRealThinCheck() throws Exception {
    MemoryBlockDevice good = new MemoryBlockDevice(1024);
    try (PoolMetadata pool = PoolMetadata.create(good, new PoolMetadata.Format(128, 1000))) {
      pool.createThin(0);
      pool.insertBlock(0, 7, pool.allocDataBlock());
    }
    ThinTools.Result ok = ThinTools.checkImage(good, Duration.ofSeconds(60));
    assertTrue(ok.ok(), ok.toString());
    ThinTools.Result bad =
        ThinTools.checkImage(new MemoryBlockDevice(1024), Duration.ofSeconds(60));
    assertFalse(bad.ok(), "an all-zero image has no superblock: " + bad);
  }
}
