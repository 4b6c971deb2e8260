package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.PoolOperationException.Reason;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.MetadataChecker;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The data block reference calls the pool target uses: is-shared, inc and dec of a range. */
class DataBlockReferencesTest {
  private final MemoryBlockDevice device = new MemoryBlockDevice(1024);

  private PoolMetadata pool() throws IOException {
    return PoolMetadata.create(device, new PoolMetadata.Format(128, 100));
  }

  @Test
  void aSnapshotSharesThroughTheTreeAndARemovalRevealsTheReference() throws IOException {
    try (PoolMetadata pool = pool()) {
      pool.createThin(0);
      long b = pool.allocDataBlock();
      pool.insertBlock(0, 7, b);
      assertFalse(pool.blockIsShared(b), "one mapping, one reference");
      pool.createSnapshot(1, 0);
      pool.commit();
      // The snapshot shares the leaf, not the data block: the count is still one...
      assertFalse(pool.blockIsShared(b));
      // ...until the origin's leaf is shadowed, which takes a reference on each value.
      assertTrue(pool.removeBlock(0, 7));
      pool.incDataRange(b, b + 1);
      assertTrue(pool.blockIsShared(b), "the snapshot's mapping and the held reference");
      pool.decDataRange(b, b + 1);
      assertFalse(pool.blockIsShared(b));
      assertEquals(b, pool.findBlock(1, 7).dataBlock());
    }
  }

  @Test
  void aDecrementToZeroFreesTheBlockAtCommitAndTheImageChecksClean() throws IOException {
    try (PoolMetadata pool = pool()) {
      long free = pool.freeDataBlocks();
      long b = pool.allocDataBlock();
      pool.incDataRange(b, b + 1);
      pool.decDataRange(b, b + 1);
      pool.decDataRange(b, b + 1);
      pool.commit();
      assertEquals(free, pool.freeDataBlocks());
    }
    assertTrue(MetadataChecker.check(device, CheckOptions.DEFAULT).clean());
  }

  @Test
  void aRangeWithAFreeBlockIsRefusedAndChangesNothing() throws IOException {
    try (PoolMetadata pool = pool()) {
      long b = pool.allocDataBlock();
      pool.commit();
      PoolOperationException e =
          assertThrows(PoolOperationException.class, () -> pool.decDataRange(b, b + 2));
      assertEquals(Reason.BAD_DATA_BLOCK, e.reason());
      assertEquals(
          Reason.BAD_ARGUMENT,
          assertThrows(PoolOperationException.class, () -> pool.incDataRange(3, 3)).reason());
      assertEquals(
          Reason.BAD_DATA_BLOCK,
          assertThrows(PoolOperationException.class, () -> pool.incDataRange(99, 101)).reason());
      assertEquals(
          Reason.BAD_DATA_BLOCK,
          assertThrows(PoolOperationException.class, () -> pool.blockIsShared(100)).reason());
      assertFalse(pool.blockIsShared(b));
      assertFalse(pool.isFailed());
      pool.decDataRange(b, b + 1);
    }
  }
}
