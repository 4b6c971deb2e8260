package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.powercut.device.BlockBytes;
import io.powercut.device.IoLog;
import io.powercut.device.IoOp;
import io.powercut.thin.Mapping;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reads of unmapped blocks, and the provisioning of a block on its first write. */
class ProvisioningTest {
  @Test
  void anUnmappedBlockReadsZerosAndMapsNothing() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 32);
      long reads = rig.data.operations(IoOp.READ);
      assertArrayEquals(new byte[BLOCK], read(v, 5));
      assertEquals(reads, rig.data.operations(IoOp.READ), "no data IO for an unmapped block");
      assertNull(rig.pool.metadata().findBlock(0, 1));
    }
  }

  @Test
  void aPartialWriteZeroesTheRestOfTheNewBlock() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 32);
      v.write(6, filled(7));
      assertArrayEquals(filled(7), read(v, 6));
      for (long b : new long[] {4, 5, 7}) {
        assertArrayEquals(new byte[BLOCK], read(v, b), "block " + b + " was not zeroed");
      }
      Mapping m = rig.pool.metadata().findBlock(0, 1);
      // The data device itself holds zeros there now, not the garbage it started with.
      assertArrayEquals(new byte[BLOCK], read(rig.data, m.dataBlock() * 4 + 3));
    }
  }

  @Test
  void skipBlockZeroingLeavesWhatTheDataDeviceHeld() throws IOException {
    try (Rig rig = new Rig(Rig.small().withSkipBlockZeroing(true), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 32);
      long writes = rig.data.operations(IoOp.WRITE);
      v.write(6, filled(7));
      assertEquals(writes + 1, rig.data.operations(IoOp.WRITE), "only the bio's own write");
      long dataBlock = rig.pool.metadata().findBlock(0, 1).dataBlock();
      assertArrayEquals(Rig.garbage(dataBlock * 4 + 3), read(v, 7));
    }
  }

  @Test
  void aWriteOfAWholeDataBlockIsNotZeroedFirst() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 32);
      int from = rig.data.log().size();
      byte[] four = Rig.random(new java.util.SplittableRandom(1), 4);
      v.writeBlocks(8, four, false);
      IoLog log = rig.data.log();
      int writes = 0;
      for (int i = from; i < log.size(); i++) {
        if (log.isWrite(i)) {
          writes++;
          assertEquals(
              false, BlockBytes.isZero(log.payload(i)), "a zeroing write: " + log.describe(i));
        }
      }
      assertEquals(4, writes, "each device block written once");
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(
            java.util.Arrays.copyOfRange(four, i * BLOCK, (i + 1) * BLOCK), read(v, 8 + i));
      }
    }
  }

  @Test
  void aBioAcrossDataBlocksIsSplitAndEachPartZeroedAlone() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 32);
      byte[] two = Rig.random(new java.util.SplittableRandom(2), 2);
      v.writeBlocks(3, two, false);
      assertEquals(2, rig.pool.metadata().mappedCount(0));
      assertArrayEquals(java.util.Arrays.copyOfRange(two, 0, BLOCK), read(v, 3));
      assertArrayEquals(java.util.Arrays.copyOfRange(two, BLOCK, 2 * BLOCK), read(v, 4));
      assertArrayEquals(new byte[BLOCK], read(v, 2));
      assertArrayEquals(new byte[BLOCK], read(v, 5));
    }
  }

  @Test
  void aSecondWriteToAMappedBlockGoesStraightToItsDataBlock() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 32);
      v.write(0, filled(1));
      long dataBlock = rig.pool.metadata().findBlock(0, 0).dataBlock();
      long free = rig.pool.metadata().freeDataBlocks();
      long writes = rig.data.operations(IoOp.WRITE);
      v.write(1, filled(2));
      assertEquals(writes + 1, rig.data.operations(IoOp.WRITE));
      assertEquals(free, rig.pool.metadata().freeDataBlocks());
      assertEquals(dataBlock, rig.pool.metadata().findBlock(0, 0).dataBlock());
      assertArrayEquals(filled(2), read(rig.data, dataBlock * 4 + 1));
    }
  }
}
