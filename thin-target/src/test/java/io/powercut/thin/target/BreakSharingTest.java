package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.IoOp;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Writes to blocks a snapshot shares: allocate, copy the untouched part, write, remap. */
class BreakSharingTest {
  private static byte[] part(byte[] blocks, int i) {
    return Arrays.copyOfRange(blocks, i * BLOCK, (i + 1) * BLOCK);
  }

  @Test
  void aPartialWriteToTheOriginCopiesTheRestAndLeavesTheSnapshotAlone() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume origin = rig.pool.openVolume(0, 16);
      byte[] old = Rig.random(new SplittableRandom(3), 4);
      origin.writeBlocks(4, old, false);
      rig.pool.createSnapshot(1, 0);
      ThinVolume snap = rig.pool.openVolume(1, 16);
      long shared = rig.pool.metadata().findBlock(0, 1).dataBlock();
      assertTrue(rig.pool.metadata().findBlock(0, 1).shared());
      long free = rig.pool.metadata().freeDataBlocks();

      origin.write(6, filled(9));

      long fresh = rig.pool.metadata().findBlock(0, 1).dataBlock();
      assertNotEquals(shared, fresh);
      assertFalse(rig.pool.metadata().findBlock(0, 1).shared());
      assertEquals(shared, rig.pool.metadata().findBlock(1, 1).dataBlock());
      assertEquals(free - 1, rig.pool.metadata().freeDataBlocks());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(i == 2 ? filled(9) : part(old, i), read(origin, 4 + i), "origin " + i);
        assertArrayEquals(part(old, i), read(snap, 4 + i), "snapshot " + i);
      }
    }
  }

  @Test
  void aWriteToTheSnapshotBreaksSharingToo() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume origin = rig.pool.openVolume(0, 16);
      origin.write(0, filled(1));
      rig.pool.createSnapshot(1, 0);
      ThinVolume snap = rig.pool.openVolume(1, 16);
      snap.write(1, filled(2));
      assertArrayEquals(filled(1), read(snap, 0));
      assertArrayEquals(filled(2), read(snap, 1));
      assertArrayEquals(new byte[BLOCK], read(origin, 1));
      assertNotEquals(
          rig.pool.metadata().findBlock(0, 0).dataBlock(),
          rig.pool.metadata().findBlock(1, 0).dataBlock());
    }
  }

  @Test
  void aWholeBlockOverwriteOfASharedBlockCopiesNothing() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume origin = rig.pool.openVolume(0, 16);
      origin.write(0, filled(1));
      rig.pool.createSnapshot(1, 0);
      long reads = rig.data.operations(IoOp.READ);
      long writes = rig.data.operations(IoOp.WRITE);
      origin.writeBlocks(0, Rig.random(new SplittableRandom(4), 4), false);
      assertEquals(reads, rig.data.operations(IoOp.READ), "no copy");
      assertEquals(writes + 4, rig.data.operations(IoOp.WRITE));
      ThinVolume snap = rig.pool.openVolume(1, 16);
      assertArrayEquals(filled(1), read(snap, 0));
    }
  }

  @Test
  void onceBrokenTheNewBlockIsWrittenInPlace() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume origin = rig.pool.openVolume(0, 16);
      origin.write(0, filled(1));
      rig.pool.createSnapshot(1, 0);
      origin.write(1, filled(2));
      long free = rig.pool.metadata().freeDataBlocks();
      long block = rig.pool.metadata().findBlock(0, 0).dataBlock();
      origin.write(2, filled(3));
      assertEquals(free, rig.pool.metadata().freeDataBlocks());
      assertEquals(block, rig.pool.metadata().findBlock(0, 0).dataBlock());
    }
  }
}
