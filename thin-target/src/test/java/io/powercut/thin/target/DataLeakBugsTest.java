package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static io.powercut.thin.target.Rig.describe;
import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.Bugs;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seeded bugs that let a volume read data it never wrote: an earlier owner's, another tenant's,
 * or garbage. Each switched on, one scenario shows the named block reading the wrong data; switched
 * off, the same scenario reads what the block-device contract says. Blocks are 4 KiB; data blocks
 * are 4 blocks ({@link Rig#small}).
 */
class DataLeakBugsTest {
  private static final long VOLUME_BLOCKS = 16;

  /**
   * In a pool of one data block, volume 0 fills it and is deleted; volume 1 then writes its block 1
   * only. Returns volume 1's block 0, which it never wrote.
   */
  private static byte[] freshVolumeBlock0AfterPartialWrite(Bugs bugs) throws IOException {
    try (Rig rig = new Rig(Rig.small(), 1, bugs)) {
      rig.pool.createThin(0);
      ThinVolume earlier = rig.pool.openVolume(0, VOLUME_BLOCKS);
      earlier.writeBlocks(0, tenant(0x11), false);
      earlier.flush();
      earlier.close();
      rig.pool.deleteDevice(0);
      rig.pool.createThin(1);
      ThinVolume v = rig.pool.openVolume(1, VOLUME_BLOCKS);
      v.write(1, filled(0x22));
      assertEquals(0, rig.pool.metadata().findBlock(1, 0).dataBlock(), "the one data block");
      return read(v, 0);
    }
  }

  /** Four blocks, each filled with its own value from {@code first}. */
  private static byte[] tenant(int first) {
    byte[] b = new byte[4 * BLOCK];
    for (int i = 0; i < 4; i++) {
      Arrays.fill(b, i * BLOCK, (i + 1) * BLOCK, (byte) (first + i));
    }
    return b;
  }

  @Test
  void noZeroBeforePartialWriteShowsTheEarlierOwnersData() throws IOException {
    byte[] got =
        freshVolumeBlock0AfterPartialWrite(Bugs.of(TargetBug.NO_ZERO_BEFORE_PARTIAL_WRITE));
    assertArrayEquals(
        filled(0x11),
        got,
        "volume 1 block 0 (sectors 0-7), never written: expected zeros, read " + describe(got));
  }

  @Test
  void aPartialWriteToAFreshBlockZeroesTheRest() throws IOException {
    assertArrayEquals(new byte[BLOCK], freshVolumeBlock0AfterPartialWrite(Bugs.NONE), "block 0");
  }

  /** Origin blocks 4-7 snapshotted, then block 6 written; returns the origin's block 4. */
  private static byte[] originBlock4AfterBreakingSharing(Bugs bugs, byte[] old) throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8, bugs)) {
      rig.pool.createThin(0);
      ThinVolume origin = rig.pool.openVolume(0, VOLUME_BLOCKS);
      origin.writeBlocks(4, old, false);
      rig.pool.createSnapshot(1, 0);
      origin.write(6, filled(9));
      assertArrayEquals(
          Arrays.copyOf(old, BLOCK), read(rig.pool.openVolume(1, VOLUME_BLOCKS), 4), "snapshot");
      return read(origin, 4);
    }
  }

  @Test
  void breakSharingNoCopyLosesTheUntouchedPartOfTheBlock() throws IOException {
    byte[] old = Rig.random(new SplittableRandom(3), 4);
    byte[] got = originBlock4AfterBreakingSharing(Bugs.of(TargetBug.BREAK_SHARING_NO_COPY), old);
    assertTrue(
        describe(got).startsWith("garbage"),
        "origin block 4 (sectors 32-39), untouched by the write of block 6: expected its old"
            + " data, read "
            + describe(got));
  }

  @Test
  void breakingSharingCopiesTheUntouchedPart() throws IOException {
    byte[] old = Rig.random(new SplittableRandom(3), 4);
    assertArrayEquals(
        Arrays.copyOf(old, BLOCK), originBlock4AfterBreakingSharing(Bugs.NONE, old), "block 4");
  }

  /**
   * Volume 0's block 0-3 committed, then discarded; volume 1 writes its blocks 0-3; the data device
   * writes its whole cache back (a crash state the model allows) and the power is cut before any
   * commit. Returns volume 0's block 0 as recovered: the discard was not committed.
   */
  private static byte[] discardedBlockAfterPowerLoss(Bugs bugs) throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8, bugs)) {
      rig.pool.createThin(0);
      rig.pool.createThin(1);
      ThinVolume v0 = rig.pool.openVolume(0, VOLUME_BLOCKS);
      v0.writeBlocks(0, tenant(0x11), false);
      v0.flush();
      v0.discard(0, 4);
      rig.pool.openVolume(1, VOLUME_BLOCKS).writeBlocks(0, tenant(0x31), false);
      return rig.afterWriteBackAndPowerLoss(0, VOLUME_BLOCKS, 0);
    }
  }

  @Test
  void reuseFreedDataBlockShowsAnotherTenantsDataAfterAPowerCut() throws IOException {
    byte[] got = discardedBlockAfterPowerLoss(Bugs.of(TargetBug.REUSE_FREED_DATA_BLOCK));
    assertArrayEquals(
        filled(0x31),
        got,
        "volume 0 block 0 (sectors 0-7), committed as filled 0x11: read volume 1's "
            + describe(got));
  }

  @Test
  void aBlockFreedInThisTransactionWaitsForTheCommit() throws IOException {
    assertArrayEquals(filled(0x11), discardedBlockAfterPowerLoss(Bugs.NONE), "block 0");
  }

  /** Origin blocks 0-3 snapshotted, then discarded on a data device that zeroes discards. */
  private static Rig discardSharedBlock(Bugs bugs) throws IOException {
    Rig rig = new Rig(Rig.small(), 8, bugs);
    rig.dataDevice.zeroDiscarded = true;
    rig.pool.createThin(0);
    ThinVolume origin = rig.pool.openVolume(0, VOLUME_BLOCKS);
    origin.writeBlocks(0, tenant(0x41), false);
    rig.pool.createSnapshot(1, 0);
    origin.discard(0, 4);
    return rig;
  }

  @Test
  void passdownSharedDiscardsTheSnapshotsData() throws IOException {
    try (Rig rig = discardSharedBlock(Bugs.of(TargetBug.PASSDOWN_SHARED))) {
      assertEquals(1, rig.dataDevice.discards.size(), "passed down");
      byte[] got = read(rig.pool.openVolume(1, VOLUME_BLOCKS), 0);
      assertArrayEquals(
          new byte[BLOCK],
          got,
          "snapshot block 0 (sectors 0-7): expected filled 0x41, read " + describe(got));
    }
  }

  @Test
  void aDiscardOfASharedBlockIsNotPassedDown() throws IOException {
    try (Rig rig = discardSharedBlock(Bugs.NONE)) {
      assertTrue(rig.dataDevice.discards.isEmpty());
      assertArrayEquals(filled(0x41), read(rig.pool.openVolume(1, VOLUME_BLOCKS), 0), "snapshot");
    }
  }

  /**
   * Volume 1's blocks 0-3 flushed and snapshotted as volume 2; volume 1 then writes block 1, which
   * moves it off the shared data block in core; the snapshot discards blocks 0-3, the last in-core
   * reference to that block. The data device writes its whole cache back (zeros included, a crash
   * state the model allows) and the power is cut before any commit. Returns volume 1's block 0 as
   * recovered: the last commit maps it to the shared block, with its flushed data.
   */
  private static byte[] flushedBlockAfterTheSnapshotsDiscard(Bugs bugs) throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8, bugs)) {
      rig.dataDevice.zeroDiscarded = true;
      rig.pool.createThin(1);
      ThinVolume v1 = rig.pool.openVolume(1, VOLUME_BLOCKS);
      v1.writeBlocks(0, tenant(0x51), false);
      v1.flush();
      rig.pool.createSnapshot(2, 1);
      v1.write(1, filled(0x61));
      rig.pool.openVolume(2, VOLUME_BLOCKS).discard(0, 4);
      assertEquals(bugs.isEmpty() ? 0 : 1, rig.dataDevice.discards.size(), "passed down");
      return rig.afterWriteBackAndPowerLoss(1, VOLUME_BLOCKS, 0);
    }
  }

  @Test
  void passdownBeforeCommitDestroysDataTheLastCommitStillMaps() throws IOException {
    byte[] got = flushedBlockAfterTheSnapshotsDiscard(Bugs.of(TargetBug.PASSDOWN_BEFORE_COMMIT));
    assertArrayEquals(
        new byte[BLOCK],
        got,
        "volume 1 block 0 (sectors 0-7), flushed as filled 0x51: expected the discard's zeros, read "
            + describe(got));
  }

  @Test
  void aFreedBlockIsPassedDownOnlyAfterTheCommitThatUnmapsIt() throws IOException {
    assertArrayEquals(filled(0x51), flushedBlockAfterTheSnapshotsDiscard(Bugs.NONE), "block 0");
  }
}
