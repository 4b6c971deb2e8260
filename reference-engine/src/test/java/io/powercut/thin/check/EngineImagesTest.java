package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.PoolMetadata;
import java.io.IOException;

/** Every state our engine leaves on disk (its last commit) checks clean, by every option. */
class EngineImagesTest {
  private static final CheckOptions WITH_SNAPSHOT = new CheckOptions(true, false, false);
  private static final CheckOptions SKIP_MAPPINGS = new CheckOptions(false, false, true);

  @PropertyTest(seeds = 60)
  void everyCommittedStateIsClean(long seed) throws IOException {
    PoolWorkload w = new PoolWorkload(seed, Bugs.NONE);
    w.run(
        250,
        (step, device) -> {
          assertClean(device, CheckOptions.DEFAULT, "step " + step);
        });
    MemoryBlockDevice device = w.device();
    CheckReport full = assertClean(device, WITH_SNAPSHOT, "end");
    assertClean(device, SKIP_MAPPINGS, "end, skip mappings");
    try (PoolMetadata pool = PoolMetadata.open(device)) {
      assertEquals(pool.devices().size(), full.devices(), "devices");
      long mappings = 0;
      for (long dev : pool.devices()) {
        mappings += pool.mappedCount(dev);
      }
      assertEquals(mappings, full.mappings(), "mappings");
      assertEquals(pool.transactionId(), full.transactionId(), "transaction id");
      assertEquals(
          pool.dataDeviceSize() - pool.freeDataBlocks(), full.dataBlocksInUse(), "data in use");
    }
  }

  private static CheckReport assertClean(
      MemoryBlockDevice device, CheckOptions options, String when) throws IOException {
    CheckReport r = MetadataChecker.check(device, options);
    assertTrue(r.clean(), () -> when + ": " + r);
    return r;
  }
}
