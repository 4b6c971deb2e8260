package io.powercut.thin;

import static io.powercut.thin.PoolMetadataTest.create;
import static io.powercut.thin.PoolMetadataTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.PoolOperationException.Reason;
import org.junit.jupiter.api.Test;

/**
 * Open thin devices and their per-transaction flags, as dm-thin-metadata tracks them: changed this
 * transaction, aborted with changes, the pool-wide "changed", and the BUSY refusals of an open
 * device.
 */
class ThinDeviceTest {
  @Test
  void aDeviceMustExistToBeOpened() throws Exception {
    PoolMetadata pool = create(new MemoryBlockDevice(1024));
    refused(Reason.NO_SUCH_DEVICE, () -> pool.openThinDevice(3));
    pool.createThin(3);
    ThinDevice td = pool.openThinDevice(3);
    assertEquals(3, td.id());
    pool.closeThinDevice(td);
    refused(Reason.BAD_ARGUMENT, () -> pool.closeThinDevice(td));
    refused(Reason.BAD_ARGUMENT, () -> pool.changedThisTransaction(td));
    PoolMetadata other = create(new MemoryBlockDevice(1024));
    other.createThin(3);
    ThinDevice foreign = other.openThinDevice(3);
    refused(Reason.BAD_ARGUMENT, () -> pool.abortedChanges(foreign));
  }

  @Test
  void mappingChangesAreFlaggedUntilTheCommit() throws Exception {
    PoolMetadata pool = create(new MemoryBlockDevice(1024));
    assertFalse(pool.changedThisTransaction());
    pool.createThin(0);
    assertTrue(pool.changedThisTransaction(), "a created device changed");
    pool.commit();
    assertFalse(pool.changedThisTransaction());
    ThinDevice td = pool.openThinDevice(0);
    assertFalse(pool.changedThisTransaction(td));
    pool.setTransactionId(0, 1);
    pool.allocDataBlock();
    assertFalse(pool.changedThisTransaction(), "no device's details changed");
    assertFalse(pool.removeBlock(0, 5), "nothing mapped");
    assertFalse(pool.changedThisTransaction(td), "removing nothing changes nothing");
    pool.insertBlock(0, 5, pool.allocDataBlock());
    assertTrue(pool.changedThisTransaction(td));
    assertTrue(pool.changedThisTransaction());
    pool.commit();
    assertFalse(pool.changedThisTransaction(td), "an open device's flag is cleared at commit");
    assertTrue(pool.removeBlock(0, 5));
    assertTrue(pool.changedThisTransaction(td));
  }

  @Test
  void anAbortFlagsTheOpenDevicesWhoseChangesItDropped() throws Exception {
    PoolMetadata pool = create(new MemoryBlockDevice(1024));
    pool.createThin(0);
    pool.createThin(1);
    pool.commit();
    ThinDevice a = pool.openThinDevice(0);
    ThinDevice b = pool.openThinDevice(1);
    pool.insertBlock(0, 1, pool.allocDataBlock());
    pool.abort();
    assertTrue(pool.abortedChanges(a));
    assertFalse(pool.abortedChanges(b));
    assertFalse(pool.changedThisTransaction(a), "the changes are gone");
    assertEquals(0, pool.mappedCount(0));
    ThinDevice again = pool.openThinDevice(0);
    assertTrue(pool.abortedChanges(again), "the same device in core");
    pool.abort();
    assertFalse(pool.abortedChanges(a), "the second abort dropped nothing of it");
  }

  @Test
  void anOpenDeviceCannotBeDeletedNorThePoolClosed() throws Exception {
    MemoryBlockDevice dev = new MemoryBlockDevice(1024);
    PoolMetadata pool = create(dev);
    pool.createThin(0);
    ThinDevice td = pool.openThinDevice(0);
    ThinDevice td2 = pool.openThinDevice(0);
    refused(Reason.BUSY, () -> pool.deleteDevice(0));
    refused(Reason.BUSY, pool::close);
    pool.closeThinDevice(td);
    refused(Reason.BUSY, () -> pool.deleteDevice(0));
    pool.closeThinDevice(td2);
    pool.deleteDevice(0);
    pool.close();
  }

  @Test
  void aHandleOutlivesTheAbortOfItsDevicesCreation() throws Exception {
    PoolMetadata pool = create(new MemoryBlockDevice(1024));
    pool.createThin(4);
    ThinDevice td = pool.openThinDevice(4);
    pool.abort();
    assertFalse(pool.deviceExists(4));
    assertTrue(pool.abortedChanges(td));
    refused(Reason.DEVICE_EXISTS, () -> pool.createThin(4));
    refused(Reason.BUSY, () -> pool.deleteDevice(4));
    ThinDevice td2 = pool.openThinDevice(4);
    pool.closeThinDevice(td2);
    pool.closeThinDevice(td);
    refused(Reason.NO_SUCH_DEVICE, () -> pool.openThinDevice(4));
    pool.createThin(4);
  }
}
