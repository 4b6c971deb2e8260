package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static io.powercut.thin.target.Rig.describe;
import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.IoFaults;
import io.powercut.device.IoOp;
import io.powercut.pdata.Bugs;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seeded bugs that break the order of data and metadata IO or the durability of a FLUSH or FUA:
 * each switched on, the power loss (or IO error) of one scenario shows its effect on a named block;
 * switched off, the same scenario keeps the block-device contract. Blocks are 4 KiB (block b is
 * sectors 8b to 8b+7); data blocks are 4 blocks ({@link Rig#small}).
 */
class DataPathOrderBugsTest {
  private static final long VOLUME_BLOCKS = 16;

  private static Bugs on(TargetBug bug) {
    return Bugs.of(bug);
  }

  /** Block 5 written, then the volume flushed: the commit writes its superblock. */
  private static Rig writeAndFlush(Bugs bugs) throws IOException {
    Rig rig = new Rig(Rig.small(), 8, bugs);
    rig.pool.createThin(0);
    ThinVolume v = rig.pool.openVolume(0, VOLUME_BLOCKS);
    v.write(5, filled(3));
    v.flush();
    return rig;
  }

  private static int last(List<Integer> values) {
    return values.get(values.size() - 1);
  }

  @Test
  void metadataBeforeDataFlushCommitsAMappingToDataAPowerCutLoses() throws IOException {
    try (Rig rig = writeAndFlush(on(TargetBug.METADATA_BEFORE_DATA_FLUSH))) {
      long dataBlock = rig.pool.metadata().findBlock(0, 1).dataBlock();
      assertTrue(
          last(rig.metadataDevice.unflushedDataAtSuperblock) > 0,
          "the superblock was written with the data writes still in the data device's cache");
      // The power cut between the superblock write and the data flush that follows it.
      try (ThinPool lost = rig.afterPowerLoss(last(rig.metadataDevice.dataLogAtSuperblock))) {
        byte[] got = read(lost.openVolume(0, VOLUME_BLOCKS), 5);
        assertArrayEquals(
            Rig.garbage(dataBlock * 4 + 1),
            got,
            "block 5 (sectors 40-47), flushed as filled 0x03, read " + describe(got));
      }
    }
  }

  @Test
  void withTheDataFlushFirstTheSamePowerCutKeepsTheFlushedBlock() throws IOException {
    try (Rig rig = writeAndFlush(Bugs.NONE)) {
      assertEquals(0, last(rig.metadataDevice.unflushedDataAtSuperblock));
      try (ThinPool kept = rig.afterPowerLoss(last(rig.metadataDevice.dataLogAtSuperblock))) {
        ThinVolume v = kept.openVolume(0, VOLUME_BLOCKS);
        assertArrayEquals(filled(3), read(v, 5), "block 5 (sectors 40-47)");
        assertArrayEquals(new byte[BLOCK], read(v, 4), "block 4 (sectors 32-39), zeroed");
      }
    }
  }

  @Test
  void flushWithoutCommitAcknowledgesAWriteAPowerCutUnmaps() throws IOException {
    try (Rig rig = writeAndFlush(on(TargetBug.FLUSH_WITHOUT_COMMIT));
        ThinPool lost = rig.afterPowerLoss()) {
      byte[] got = read(lost.openVolume(0, VOLUME_BLOCKS), 5);
      assertArrayEquals(
          new byte[BLOCK], got, "block 5, flushed as filled 0x03, is unmapped: " + describe(got));
    }
  }

  @Test
  void withTheCommitTheFlushedWriteSurvivesThePowerCut() throws IOException {
    try (Rig rig = writeAndFlush(Bugs.NONE);
        ThinPool kept = rig.afterPowerLoss()) {
      assertArrayEquals(filled(3), read(kept.openVolume(0, VOLUME_BLOCKS), 5), "block 5");
    }
  }

  /** A FUA write of blocks 4-7, the whole virtual block 1, to a fresh volume; then a power cut. */
  private static void fuaOverwrite(Bugs bugs, boolean expectLost) throws IOException {
    byte[] written = Rig.random(new SplittableRandom(7), 4);
    try (Rig rig = new Rig(Rig.small(), 8, bugs)) {
      rig.pool.createThin(0);
      rig.pool.openVolume(0, VOLUME_BLOCKS).writeBlocks(4, written, true);
      try (ThinPool after = rig.afterPowerLoss()) {
        ThinVolume v = after.openVolume(0, VOLUME_BLOCKS);
        for (int i = 0; i < 4; i++) {
          byte[] expected =
              expectLost
                  ? new byte[BLOCK]
                  : Arrays.copyOfRange(written, i * BLOCK, (i + 1) * BLOCK);
          assertArrayEquals(expected, read(v, 4 + i), "block " + (4 + i) + " after the FUA");
        }
      }
    }
  }

  @Test
  void provisionFuaIgnoredLosesAFuaOverwriteOfAWholeBlock() throws IOException {
    fuaOverwrite(on(TargetBug.PROVISION_FUA_IGNORED), true);
  }

  @Test
  void aFuaOverwriteThatProvisionsCommitsBeforeItCompletes() throws IOException {
    fuaOverwrite(Bugs.NONE, false);
  }

  @Test
  void provisionFuaIgnoredStillCommitsAPartialFuaWrite() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8, on(TargetBug.PROVISION_FUA_IGNORED))) {
      rig.pool.createThin(0);
      rig.pool.openVolume(0, VOLUME_BLOCKS).writeFua(9, filled(4));
      try (ThinPool kept = rig.afterPowerLoss()) {
        assertArrayEquals(filled(4), read(kept.openVolume(0, VOLUME_BLOCKS), 9), "block 9");
      }
    }
  }

  /**
   * Blocks 4-7 written and snapshotted; a write of block 6 breaks sharing, and its first copy write
   * (data device write 4, block 4's copy) fails; the origin is flushed and the power cut.
   */
  private static byte[] originBlock4AfterFailedCopy(Bugs bugs) throws IOException {
    IoFaults copyFails = IoFaults.builder().failAt(IoOp.WRITE, 4).build();
    try (Rig rig = new Rig(Rig.small(), 8, IoFaults.none(), copyFails, bugs)) {
      rig.pool.createThin(0);
      ThinVolume origin = rig.pool.openVolume(0, VOLUME_BLOCKS);
      origin.writeBlocks(4, Rig.random(new SplittableRandom(5), 4), false);
      rig.pool.createSnapshot(1, 0);
      ThinPoolException e = assertThrows(ThinPoolException.class, () -> origin.write(6, filled(9)));
      assertEquals(ThinPoolException.Reason.DATA_IO, e.reason());
      origin.flush();
      try (ThinPool after = rig.afterPowerLoss()) {
        return read(after.openVolume(0, VOLUME_BLOCKS), 4);
      }
    }
  }

  @Test
  void remapBeforeCopyDurableLeavesAFailedCopyMappedToGarbage() throws IOException {
    byte[] got = originBlock4AfterFailedCopy(on(TargetBug.REMAP_BEFORE_COPY_DURABLE));
    byte[] old = Arrays.copyOf(Rig.random(new SplittableRandom(5), 4), BLOCK);
    assertTrue(
        !Arrays.equals(old, got) && describe(got).startsWith("garbage"),
        "origin block 4 (sectors 32-39), untouched by the failed write: expected its data, read "
            + describe(got));
  }

  @Test
  void aCopyThatFailsMapsNothingAndTheOriginKeepsItsData() throws IOException {
    byte[] old = Arrays.copyOf(Rig.random(new SplittableRandom(5), 4), BLOCK);
    assertArrayEquals(old, originBlock4AfterFailedCopy(Bugs.NONE), "origin block 4");
  }
}
