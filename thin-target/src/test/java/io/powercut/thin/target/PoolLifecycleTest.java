package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.IoFaults;
import io.powercut.device.IoOp;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.target.ThinPoolException.Reason;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Formatting, reopening, devices, options and misuse. */
class PoolLifecycleTest {
  @Test
  void aReopenedPoolKeepsItsVolumesAndGrowsWithItsDataDevice() throws IOException {
    MemoryBlockDevice metadata = new MemoryBlockDevice(Rig.METADATA_BLOCKS);
    MemoryBlockDevice small = new MemoryBlockDevice(BLOCK, 4 * 4 + 3);
    try (ThinPool pool = ThinPool.create(metadata, small, Rig.small())) {
      assertEquals(4, pool.metadata().dataDeviceSize(), "the short tail is unused");
      pool.createThin(0);
      pool.openVolume(0, 16).write(3, filled(6));
    }
    MemoryBlockDevice big = new MemoryBlockDevice(BLOCK, 8 * 4);
    for (long b = 0; b < small.blockCount(); b++) {
      big.write(b, read(small, b));
    }
    try (ThinPool pool = ThinPool.open(metadata, big, Rig.small())) {
      assertEquals(8, pool.metadata().dataDeviceSize());
      assertArrayEquals(filled(6), read(pool.openVolume(0, 16), 3));
      assertEquals(PoolMode.WRITE, pool.mode());
      assertEquals(Rig.small(), pool.options());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> ThinPool.open(metadata, big, Rig.small().withDataBlockSize(2 * BLOCK)));
    PoolOperationException shrink =
        assertThrows(
            PoolOperationException.class,
            () -> ThinPool.open(metadata, new MemoryBlockDevice(BLOCK, 4 * 4), Rig.small()));
    assertEquals(PoolOperationException.Reason.SHRINK, shrink.reason());
  }

  @Test
  void devicesAreCreatedAndDeletedByMessagesThatCommit() throws IOException {
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(3);
      PoolOperationException exists =
          assertThrows(PoolOperationException.class, () -> rig.pool.createThin(3));
      assertEquals(PoolOperationException.Reason.DEVICE_EXISTS, exists.reason());
      ThinVolume v = rig.pool.openVolume(3, 8);
      assertEquals(3, v.id());
      assertEquals(8, v.blockCount());
      assertEquals(BLOCK, v.blockSize());
      PoolOperationException busy =
          assertThrows(PoolOperationException.class, () -> rig.pool.deleteDevice(3));
      assertEquals(PoolOperationException.Reason.BUSY, busy.reason());
      v.close();
      v.close();
      assertThrows(IllegalStateException.class, () -> read(v, 0));
      rig.pool.deleteDevice(3);
      assertFalse(rig.pool.metadata().deviceExists(3));
      assertEquals(0, rig.metadata.unflushedWrites(), "the delete committed");
    }
  }

  @Test
  void optionsAndBuffersAreChecked() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> PoolOptions.DEFAULT.withDataBlockSize(1000));
    assertThrows(IllegalArgumentException.class, () -> PoolOptions.DEFAULT.withDataBlockSize(0));
    assertThrows(
        IllegalArgumentException.class, () -> PoolOptions.DEFAULT.withDataBlockSize(1 << 25));
    assertThrows(
        IllegalArgumentException.class, () -> PoolOptions.DEFAULT.withCommitPeriodTicks(0));
    assertEquals(128, PoolOptions.DEFAULT.sectorsPerDataBlock());
    MemoryBlockDevice metadata = new MemoryBlockDevice(Rig.METADATA_BLOCKS);
    assertThrows(
        IllegalArgumentException.class,
        () -> ThinPool.create(metadata, new MemoryBlockDevice(512, 64), Rig.small()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ThinPool.create(metadata, new MemoryBlockDevice(BLOCK, 3), Rig.small()));
    try (Rig rig = new Rig(Rig.small(), 8)) {
      rig.pool.createThin(0);
      ThinVolume v = rig.pool.openVolume(0, 8);
      assertThrows(IllegalArgumentException.class, () -> v.writeBlocks(0, new byte[0], false));
      assertThrows(IllegalArgumentException.class, () -> v.writeBlocks(0, new byte[100], false));
      assertThrows(
          IllegalArgumentException.class, () -> v.writeBlocks(7, new byte[2 * BLOCK], false));
      assertThrows(IllegalArgumentException.class, () -> v.write(8, new byte[BLOCK]));
      assertTrue(v.toString().contains("thin volume 0"));
    }
  }

  @Test
  void aDataFlushThatFailsBeforeACommitIsAMetadataOperationFailure() throws IOException {
    Rig rig =
        new Rig(Rig.small(), 8, IoFaults.none(), IoFaults.builder().failAt(IoOp.FLUSH, 1).build());
    rig.pool.createThin(0);
    ThinVolume v = rig.pool.openVolume(0, 8);
    v.write(0, filled(1));
    ThinPoolException e = assertThrows(ThinPoolException.class, v::flush);
    assertEquals(Reason.METADATA_IO, e.reason());
    assertEquals(PoolMode.READ_ONLY, rig.pool.mode());
    rig.pool.close();
  }

  @Test
  void aDataReadThatFailsIsADataError() throws IOException {
    Rig rig =
        new Rig(Rig.small(), 8, IoFaults.none(), IoFaults.builder().failFrom(IoOp.READ, 0).build());
    rig.pool.createThin(0);
    ThinVolume v = rig.pool.openVolume(0, 8);
    v.write(0, filled(1));
    assertEquals(Reason.DATA_IO, assertThrows(ThinPoolException.class, () -> read(v, 0)).reason());
    rig.pool.createSnapshot(1, 0);
    assertEquals(
        Reason.DATA_IO,
        assertThrows(ThinPoolException.class, () -> v.write(1, filled(2))).reason(),
        "breaking sharing reads the old block");
    assertEquals(PoolMode.WRITE, rig.pool.mode());
    rig.pool.close();
  }
}
