package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.ForwardingBlockDevice;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discards unmap whole data blocks; passdown reaches the data device only for unshared blocks. */
class DiscardTest {
  @Test
  void aDiscardUnmapsTheWholeBlocksItCoversAndPassesThemDown() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      for (long b = 0; b < 16; b += 4) {
        v.write(b, filled(1 + (int) b));
      }
      long dataBlock1 = rig.pool.metadata().findBlock(0, 1).dataBlock();
      // Blocks 2..13 cover virtual blocks 1 and 2 whole, 0 and 3 in part.
      v.discard(2, 12);
      assertEquals(2, rig.pool.metadata().mappedCount(0));
      assertNull(rig.pool.metadata().findBlock(0, 1));
      assertNull(rig.pool.metadata().findBlock(0, 2));
      assertArrayEquals(filled(1), read(v, 0), "partly covered: kept");
      assertArrayEquals(new byte[BLOCK], read(v, 4));
      assertTrue(rig.pool.metadata().changedThisTransaction());
      assertTrue(rig.dataDevice.discards.isEmpty(), "not before the commit that unmaps them");
      rig.pool.commit();
      assertEquals(2, rig.dataDevice.discards.size());
      assertArrayEquals(new long[] {dataBlock1 * 4, 4}, rig.dataDevice.discards.get(0));
      rig.pool.commit();
      assertEquals(2, rig.dataDevice.discards.size(), "each passed down once");
    }
  }

  @Test
  void aBlockASnapshotStillMapsIsNotPassedDown() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      v.write(0, filled(5));
      rig.pool.createSnapshot(1, 0);
      v.discard(0, 4);
      assertTrue(rig.dataDevice.discards.isEmpty(), "the snapshot maps it");
      ThinVolume snap = rig.pool.openVolume(1, 16);
      assertArrayEquals(filled(5), read(snap, 0));
      long shared = rig.pool.metadata().findBlock(1, 0).dataBlock();
      assertFalse(rig.pool.metadata().blockIsShared(shared), "the discard's reference was dropped");
      snap.discard(0, 4);
      rig.pool.commit();
      assertEquals(List.of(shared * 4), rig.dataDevice.discards.stream().map(d -> d[0]).toList());
    }
  }

  @Test
  void withoutPassdownOrADiscardingDeviceNothingReachesTheData() throws IOException {
    try (Rig rig = new Rig(Rig.small().withDiscardPassdown(false), 8)) {
      assertFalse(rig.pool.passdownEnabled());
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      v.write(0, filled(5));
      v.discard(0, 16);
      assertTrue(rig.dataDevice.discards.isEmpty());
      assertEquals(0, rig.pool.metadata().mappedCount(0));
    }
    try (ThinPool pool =
        ThinPool.create(
            new MemoryBlockDevice(Rig.METADATA_BLOCKS), new MemoryBlockDevice(32), Rig.small())) {
      assertFalse(pool.passdownEnabled(), "the data device takes no discards");
    }
  }

  @Test
  void aFreedBlockComesBackOnlyAfterACommit() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 2)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      v.write(0, filled(1));
      v.write(4, filled(2));
      long first = rig.pool.metadata().findBlock(0, 0).dataBlock();
      v.discard(0, 4);
      int commits = rig.metadataDevice.unflushedDataAtSuperblock.size();
      // No block is free in this transaction, so the allocation commits and then reuses it.
      v.write(8, filled(3));
      assertEquals(first, rig.pool.metadata().findBlock(0, 2).dataBlock());
      assertEquals(
          commits + 1,
          rig.metadataDevice.unflushedDataAtSuperblock.size(),
          "the allocation committed");
      assertEquals(PoolMode.WRITE, rig.pool.mode());
    }
  }

  @Test
  void aDiscardOutsideTheVolumeIsAProgrammingError() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 2)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 16);
      assertThrows(IllegalArgumentException.class, () -> v.discard(10, 7));
      assertThrows(IllegalArgumentException.class, () -> v.discard(-1, 2));
      v.discard(3, 0);
    }
  }

  /** A data device whose every discard fails, as a device that dies under a passdown does. */
  private static final class FailingDiscards extends ForwardingBlockDevice
      implements DiscardableDevice {
    int attempts;

    FailingDiscards(BlockDevice inner) {
      super(inner);
    }

    @Override
    public void discard(long first, long count) throws IOException {
      attempts++;
      throw new IOException("discard of blocks " + first + "+" + count + " failed");
    }
  }

  @Test
  void aFailedPassdownAfterTheCommitLeavesTheBlockUnmappedAndThePoolWritable() throws IOException {
    FailingDiscards data = new FailingDiscards(new MemoryBlockDevice(32));
    try (ThinPool pool =
        ThinPool.create(new MemoryBlockDevice(Rig.METADATA_BLOCKS), data, Rig.small())) {
      pool.createThin(0);
      ThinVolume v = pool.openVolume(0, 16);
      v.write(0, filled(7));
      v.discard(0, 4);
      assertEquals(0, data.attempts, "not before the commit");
      pool.commit();
      assertEquals(1, data.attempts, "passed down after it");
      assertNull(pool.metadata().findBlock(0, 0));
      assertFalse(pool.metadata().changedThisTransaction(), "the commit stands");
      assertEquals(PoolMode.WRITE, pool.mode());
      v.write(0, filled(8));
      assertArrayEquals(filled(8), read(v, 0));
    }
  }
}
