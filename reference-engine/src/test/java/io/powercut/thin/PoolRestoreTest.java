package io.powercut.thin;

import static io.powercut.thin.PoolMetadataTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.PoolOperationException.Reason;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restore entry: what it copies, what it counts, and how its fast path hands over. */
class PoolRestoreTest {
  private static final long DATA = 100;

  private final MemoryBlockDevice device = new MemoryBlockDevice(512);

  private PoolRestore format(long version) throws IOException {
    return PoolRestore.format(
        device, new PoolMetadata.Format(128, DATA), version, 64, new BitSet());
  }

  /** The restored image checks clean and opens; returns it open. */
  private PoolMetadata reopen() throws IOException {
    CheckReport report = MetadataChecker.check(device, CheckOptions.DEFAULT);
    assertTrue(report.clean(), () -> report.problems().toString());
    return PoolMetadata.open(device);
  }

  @Test
  void theHeaderAndDetailsAreCopiedButMappedBlocksAreCounted() throws IOException {
    try (PoolRestore r = format(1)) {
      r.header(7, 42, Superblock.NEEDS_CHECK);
      r.device(3, new DeviceDetails(999, 5, 1, 2));
      r.sortedMappings(3, 0, 10, 5, 4);
      r.commit();
    }
    try (PoolMetadata pool = reopen()) {
      assertEquals(7, pool.time());
      assertEquals(42, pool.transactionId());
      assertTrue(pool.needsCheck());
      assertEquals(1, pool.committedSuperblock().version());
      assertEquals(new DeviceDetails(5, 5, 1, 2), pool.details(3));
      assertEquals(new Mapping(14, 4, false), pool.findBlock(3, 4));
      assertEquals(DATA - 5, pool.freeDataBlocks());
    }
  }

  @Test
  void aMappingOutOfOrderEndsTheFastPathAndReplacesTheEarlierOne() throws IOException {
    try (PoolRestore r = format(2)) {
      r.header(6, 0, 0);
      r.device(0, new DeviceDetails(0, 0, 0, 0));
      r.sortedMappings(0, 0, 10, 5, 1);
      r.mapping(0, 2, 50, 3, true);
      // The same data block again: one reference, only the time changes.
      r.mapping(0, 2, 50, 6, true);
      r.commit();
    }
    try (PoolMetadata pool = reopen()) {
      assertEquals(new Mapping(50, 6, false), pool.findBlock(0, 2));
      assertEquals(5, pool.mappedCount(0));
      assertEquals(DATA - 5, pool.freeDataBlocks(), "block 12 was released, 50 counted once");
    }
  }

  @Test
  void eachNewDeviceInstallsThePreviousDevicesTree() throws IOException {
    try (PoolRestore r = format(2)) {
      for (long dev = 0; dev < 3; dev++) {
        r.device(dev, new DeviceDetails(0, dev, 0, 0));
        r.sortedMappings(dev, 100, 20 * dev, 20, 0);
      }
      r.commit();
    }
    try (PoolMetadata pool = reopen()) {
      assertEquals(List.of(0L, 1L, 2L), pool.devices());
      for (long dev = 0; dev < 3; dev++) {
        assertEquals(20, pool.mappedCount(dev));
        assertEquals(new Mapping(20 * dev + 19, 0, false), pool.findBlock(dev, 119));
        assertNull(pool.findBlock(dev, 99));
      }
      assertEquals(DATA - 60, pool.freeDataBlocks());
    }
  }

  @Test
  void refusalsLeaveTheRestoreUsable() throws IOException {
    refused(Reason.BAD_ARGUMENT, () -> format(3));
    try (PoolRestore r = format(2)) {
      r.device(0, new DeviceDetails(0, 0, 0, 0));
      refused(Reason.BAD_DATA_BLOCK, () -> r.sortedMappings(0, 0, DATA - 5, 10, 0));
      refused(Reason.BAD_DATA_BLOCK, () -> r.mapping(0, 0, DATA, 0, false));
      refused(Reason.NO_SUCH_DEVICE, () -> r.sortedMappings(1, 0, 0, 1, 0));
      refused(Reason.DEVICE_EXISTS, () -> r.device(0, new DeviceDetails(0, 0, 0, 0)));
      r.sortedMappings(0, 0, DATA - 5, 5, 0);
      r.commit();
    }
    try (PoolMetadata pool = reopen()) {
      assertEquals(5, pool.mappedCount(0));
    }
  }
}
