package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.IoOp;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the pool commits, and that every commit flushes the data device before the metadata
 * superblock is written (kernel 694cfe7f31db), proved on both devices' IO order.
 */
class CommitTest {
  @Test
  void aFlushCommitsAndTheDataDeviceIsFlushedBeforeTheSuperblockIsWritten() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      int superblocks = rig.metadataDevice.unflushedDataAtSuperblock.size();
      v.write(5, filled(3));
      assertTrue(rig.data.unflushedWrites() > 0, "the write sits in the data device's cache");
      assertEquals(superblocks, rig.metadataDevice.unflushedDataAtSuperblock.size(), "no commit");
      try (ThinPool lost = rig.afterPowerLoss()) {
        assertArrayEquals(new byte[BLOCK], read(lost.openVolume(0, 16), 5), "not committed");
      }
      v.flush();
      List<Integer> unflushed = rig.metadataDevice.unflushedDataAtSuperblock;
      assertEquals(superblocks + 1, unflushed.size(), "the flush committed");
      assertEquals(0, unflushed.get(unflushed.size() - 1), "data flushed before the superblock");
      try (ThinPool kept = rig.afterPowerLoss()) {
        assertArrayEquals(filled(3), read(kept.openVolume(0, 16), 5));
      }
    }
  }

  @Test
  void everyCommitTheTargetMakesFlushesTheDataDeviceFirst() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      for (int i = 0; i < 8; i++) {
        v.write(i * 2L, filled(i + 1));
        if (i % 3 == 0) {
          v.flush();
        } else if (i % 3 == 1) {
          v.writeFua(i * 2L + 1, filled(i + 100));
        } else {
          rig.pool.createSnapshot(10 + i, 0);
        }
      }
      List<Integer> unflushed = rig.metadataDevice.unflushedDataAtSuperblock;
      assertTrue(unflushed.size() >= 8, "commits: " + unflushed.size());
      assertTrue(unflushed.stream().allMatch(n -> n == 0), "unflushed data writes: " + unflushed);
    }
  }

  @Test
  void aFuaWriteThatProvisionsCommitsBeforeItCompletes() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      v.writeFua(9, filled(4));
      assertEquals(0, rig.metadata.unflushedWrites());
      try (ThinPool kept = rig.afterPowerLoss()) {
        ThinVolume after = kept.openVolume(0, 16);
        assertArrayEquals(filled(4), read(after, 9));
        assertArrayEquals(new byte[BLOCK], read(after, 8), "zeroed, durably");
      }
    }
  }

  @Test
  void aFuaOrFlushOfAnUnchangedVolumeDoesNotCommit() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      v.write(0, filled(1));
      v.flush();
      int superblocks = rig.metadataDevice.unflushedDataAtSuperblock.size();
      long flushes = rig.data.operations(IoOp.FLUSH);
      v.writeFua(1, filled(2));
      v.flush();
      assertEquals(superblocks, rig.metadataDevice.unflushedDataAtSuperblock.size());
      assertEquals(flushes + 1, rig.data.operations(IoOp.FLUSH), "the flush went to the data");
      try (ThinPool kept = rig.afterPowerLoss()) {
        assertArrayEquals(filled(2), read(kept.openVolume(0, 16), 1), "FUA on the data device");
      }
    }
  }

  @Test
  void aChangedPoolCommitsWhenThePeriodHasPassed() throws IOException {
    try (Rig rig = new Rig(Rig.small().withCommitPeriodTicks(3), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      int superblocks = rig.metadataDevice.unflushedDataAtSuperblock.size();
      rig.pool.tick();
      v.write(0, filled(1));
      rig.pool.tick();
      assertEquals(superblocks, rig.metadataDevice.unflushedDataAtSuperblock.size());
      rig.pool.tick();
      assertEquals(superblocks + 1, rig.metadataDevice.unflushedDataAtSuperblock.size());
      for (int i = 0; i < 6; i++) {
        rig.pool.tick();
      }
      assertEquals(
          superblocks + 1, rig.metadataDevice.unflushedDataAtSuperblock.size(), "nothing changed");
      try (ThinPool kept = rig.afterPowerLoss()) {
        assertArrayEquals(filled(1), read(kept.openVolume(0, 16), 0));
      }
    }
  }
}
