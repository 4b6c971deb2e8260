package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.thin.PoolMetadata;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Thin volumes are block devices: pools and engines run on them. */
class StackingTest {
  @Test
  void aPoolRunsOnThinVolumesOfAnotherPoolAndPassesItsDiscardsDown() throws IOException {
    try (Rig lower = new Rig(Rig.small(), 64)) {
      lower.pool.createThin(0);
      lower.pool.createThin(1);
      ThinVolume metadata = lower.pool.openVolume(0, Rig.METADATA_BLOCKS);
      ThinVolume data = lower.pool.openVolume(1, 64);
      try (ThinPool upper = ThinPool.create(metadata, data, Rig.small())) {
        assertTrue(upper.passdownEnabled(), "a thin volume takes discards");
        upper.createThin(7);
        ThinVolume v = upper.openVolume(7, 16);
        v.write(9, filled(5));
        v.flush();
        assertArrayEquals(filled(5), read(v, 9));
        long upperBlock = upper.metadata().findBlock(7, 2).dataBlock();
        assertTrue(lower.pool.metadata().findBlock(1, upperBlock) != null, "provisioned below");
        v.discard(8, 4);
        upper.commit();
        assertNull(
            lower.pool.metadata().findBlock(1, upperBlock), "the passdown unmapped it below too");
      }
      SnapshotIsolationTest.assertClean(metadata);
    }
  }

  @Test
  void theEngineRunsOnAThinVolume() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 64)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, Rig.METADATA_BLOCKS);
      try (PoolMetadata engine = PoolMetadata.create(v, new PoolMetadata.Format(128, 10))) {
        engine.createThin(3);
        engine.insertBlock(3, 0, engine.allocDataBlock());
        engine.commit();
      }
      v.flush();
      try (PoolMetadata engine = PoolMetadata.open(v)) {
        assertEquals(1, engine.mappedCount(3));
      }
      SnapshotIsolationTest.assertClean(v);
    }
  }
}
