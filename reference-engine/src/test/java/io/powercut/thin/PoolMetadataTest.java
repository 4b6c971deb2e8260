package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.FaultyDevice;
import io.powercut.device.InjectedIoException;
import io.powercut.device.IoFaults;
import io.powercut.device.IoOp;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.WouldBlockException;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The pool API's edges that the model test does not reach: arguments, open checks, failures. */
class PoolMetadataTest {
  static PoolMetadata create(BlockDevice d) throws IOException {
    return PoolMetadata.create(d, new PoolMetadata.Format(128, 1000));
  }

  static void refused(Reason reason, Executable action) {
    PoolOperationException e = assertThrows(PoolOperationException.class, action);
    assertEquals(reason, e.reason(), e.getMessage());
  }

  @Test
  void formatArgumentsAreChecked() {
    refused(
        Reason.BAD_ARGUMENT,
        () ->
            PoolMetadata.create(
                new MemoryBlockDevice(PoolMetadata.MIN_METADATA_BLOCKS - 1),
                new PoolMetadata.Format(128, 10)));
    MemoryBlockDevice d = new MemoryBlockDevice(1024);
    refused(Reason.BAD_ARGUMENT, () -> PoolMetadata.create(d, new PoolMetadata.Format(0, 10)));
    refused(
        Reason.BAD_ARGUMENT, () -> PoolMetadata.create(d, new PoolMetadata.Format(1L << 32, 10)));
    refused(Reason.BAD_ARGUMENT, () -> PoolMetadata.create(d, new PoolMetadata.Format(128, -1)));
    refused(
        Reason.BAD_ARGUMENT,
        () -> PoolMetadata.create(d, new PoolMetadata.Format(128, BlockTime.MAX_DATA_BLOCK + 2)));
  }

  @Test
  void aFreshPoolDescribesItself() throws IOException {
    MemoryBlockDevice d = new MemoryBlockDevice(1024);
    byte[] uuid = new byte[Superblock.UUID_SIZE];
    uuid[3] = 7;
    try (PoolMetadata p = PoolMetadata.create(d, new PoolMetadata.Format(256, 500, uuid))) {
      assertEquals(256, p.dataBlockSize());
      assertEquals(500, p.dataDeviceSize());
      assertEquals(500, p.freeDataBlocks());
      assertEquals(1024, p.metadataDeviceSize());
      long free = p.freeMetadataBlocks();
      assertTrue(free > 0 && free < 1024 - 2 * PoolMetadata.OPERATION_RESERVE, "free " + free);
      assertEquals(List.of(), p.devices());
      assertEquals(0, p.transactionId());
      assertEquals(0, p.time());
      assertEquals(0, p.metadataSnapshot());
      assertFalse(p.needsCheck());
      assertEquals(Bugs.NONE, p.bugs());
      Superblock sb = p.committedSuperblock();
      assertEquals(Superblock.VERSION, sb.version());
      assertEquals(1024, sb.metadataNrBlocks());
      assertEquals(7, sb.uuid()[3]);
    }
  }

  @Test
  void setNeedsCheckIsDurableAtOnce() throws IOException {
    MemoryBlockDevice d = new MemoryBlockDevice(1024);
    PoolMetadata p = create(d);
    p.createThin(1);
    p.setNeedsCheck();
    assertTrue(p.needsCheck());
    // Dropped without closing: the flag and the pending device were committed with it.
    PoolMetadata reopened = PoolMetadata.open(d);
    assertTrue(reopened.needsCheck());
    assertTrue(reopened.deviceExists(1));
    assertEquals(Superblock.NEEDS_CHECK, reopened.committedSuperblock().flags());
  }

  @Test
  void aDeviceCreatedAndDeletedInOneTransaction() throws IOException {
    MemoryBlockDevice d = new MemoryBlockDevice(1024);
    try (PoolMetadata p = create(d)) {
      p.createThin(3);
      p.insertBlock(3, 9, p.allocDataBlock());
      p.deleteDevice(3);
      assertFalse(p.deviceExists(3));
      p.createThin(3);
      assertEquals(0, p.mappedCount(3));
      assertNull(p.findBlock(3, 9));
      assertEquals(1000, p.freeDataBlocks() + 1, "the block allocated in this transaction");
    }
    PoolAudit.audit(d, Set.of());
    try (PoolMetadata p = PoolMetadata.open(d)) {
      assertEquals(List.of(3L), p.devices());
      assertEquals(1000, p.freeDataBlocks(), "freed by the commit");
    }
  }

  @Test
  void argumentsOutOfRangeAreRefused() throws IOException {
    try (PoolMetadata p = create(new MemoryBlockDevice(1024))) {
      refused(Reason.BAD_ARGUMENT, () -> p.createThin(-1));
      refused(Reason.NO_SUCH_DEVICE, () -> p.details(4));
      refused(Reason.NO_SUCH_DEVICE, () -> p.highestMappedBlock(4));
      refused(Reason.NO_SUCH_DEVICE, () -> p.forEachMapping(4, (v, m) -> {}));
      p.createThin(4);
      refused(Reason.BAD_DATA_BLOCK, () -> p.insertBlock(4, 0, -1));
      refused(Reason.BAD_ARGUMENT, () -> p.resizeDataDevice(-5));
      p.resizeDataDevice(1000);
      assertEquals(1000, p.dataDeviceSize(), "same size: nothing to do");
    }
  }

  @Test
  void nonBlockingLookups() throws Exception {
    MemoryBlockDevice d = new MemoryBlockDevice(1024);
    try (PoolMetadata p = create(d)) {
      p.createThin(1);
      long b = p.allocDataBlock();
      p.insertBlock(1, 5, b);
      assertEquals(new Mapping(b, 0, false), p.findBlockNonBlocking(1, 5), "pending details");
      p.commit();
      assertEquals(new Mapping(b, 0, false), p.findBlockNonBlocking(1, 5), "committed, cached");
      assertNull(p.findBlockNonBlocking(1, 6));
      refused(Reason.NO_SUCH_DEVICE, () -> p.findBlockNonBlocking(2, 5));
    }
    try (PoolMetadata cold = PoolMetadata.open(d)) {
      assertThrows(WouldBlockException.class, () -> cold.findBlockNonBlocking(1, 5));
      assertNotNull(cold.findBlock(1, 5));
      assertNotNull(cold.findBlockNonBlocking(1, 5), "cached by the blocking lookup");
    }
  }

  @Test
  void aClosedPoolRefusesEverything() throws IOException {
    PoolMetadata p = create(new MemoryBlockDevice(1024));
    p.close();
    p.close();
    refused(Reason.FAILED, () -> p.createThin(1));
    refused(Reason.FAILED, p::devices);
    refused(Reason.FAILED, p::abort);
  }

  @Test
  void metadataExhaustionIsRefusedUpFrontAndNothingChanges() throws IOException {
    MemoryBlockDevice d = new MemoryBlockDevice(PoolMetadata.MIN_METADATA_BLOCKS);
    try (PoolMetadata p =
        PoolMetadata.create(d, new PoolMetadata.Format(128, 100_000), Bugs.NONE, 64)) {
      p.createThin(0);
      NoSpaceException e =
          assertThrows(
              NoSpaceException.class,
              () -> {
                for (long v = 0; v < 100_000; v++) {
                  p.insertBlock(0, v, p.allocDataBlock());
                }
              });
      assertEquals(NoSpaceException.Space.METADATA, e.space());
      assertFalse(p.isFailed());
      assertEquals(0, p.freeMetadataBlocks());
      long mapped = p.mappedCount(0);
      assertTrue(mapped > 100, "mapped " + mapped);
      assertThrows(NoSpaceException.class, () -> p.createThin(1));
      assertThrows(NoSpaceException.class, () -> p.resizeDataDevice(50_000_000));
      assertEquals(100_000, p.dataDeviceSize());
      p.commit();
      assertEquals(mapped, p.mappedCount(0));
      // Removals may still run (on the operation half of the reserve), and free space once
      // committed.
      for (long v = 0; v < mapped; v++) {
        try {
          p.removeBlock(0, v);
        } catch (NoSpaceException full) {
          p.commit();
          p.removeBlock(0, v);
        }
      }
      p.commit();
      assertEquals(0, p.mappedCount(0));
      assertTrue(p.freeMetadataBlocks() > 0);
      assertFalse(p.isFailed());
    }
    PoolAudit.audit(d, Set.of());
  }

  /** The number of flushes a pool makes up to and including {@code upTo}, run fault-free. */
  static long flushesBefore(Consumer<PoolMetadata> upTo) throws IOException {
    FaultyDevice probe = new FaultyDevice(new MemoryBlockDevice(1024));
    upTo.accept(create(probe));
    return probe.operations(IoOp.FLUSH);
  }

  static void setUp(PoolMetadata p) {
    try {
      p.createThin(0);
      p.insertBlock(0, 1, p.allocDataBlock());
      p.commit();
      p.createThin(1);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aCommitThatFailsLeavesThePoolFailedUntilAborted() throws IOException {
    long n = flushesBefore(PoolMetadataTest::setUp);
    FaultyDevice d =
        new FaultyDevice(
            new MemoryBlockDevice(1024), IoFaults.builder().failAt(IoOp.FLUSH, n).build());
    PoolMetadata p = create(d);
    setUp(p);
    IOException e = assertThrows(IOException.class, p::commit);
    assertInstanceOf(InjectedIoException.class, e);
    assertTrue(p.isFailed());
    refused(Reason.FAILED, p::commit);
    refused(Reason.FAILED, () -> p.createThin(2));
    refused(Reason.FAILED, () -> p.transactionId());
    p.abort();
    assertFalse(p.isFailed());
    assertEquals(List.of(0L), p.devices(), "the last commit");
    p.createThin(2);
    p.commit();
    p.close();
    PoolAudit.audit(d, Set.of());
  }

  @Test
  void anIoErrorInsideAnOperationFailsThePool() throws IOException {
    // A tiny cache forces write-backs in the middle of operations; fail one of them.
    FaultyDevice probe = new FaultyDevice(new MemoryBlockDevice(1024));
    PoolMetadata q = PoolMetadata.create(probe, new PoolMetadata.Format(128, 5000), Bugs.NONE, 16);
    q.createThin(0);
    long writes = probe.operations(IoOp.WRITE);
    FaultyDevice d =
        new FaultyDevice(
            new MemoryBlockDevice(1024), IoFaults.builder().failFrom(IoOp.WRITE, writes).build());
    PoolMetadata p = PoolMetadata.create(d, new PoolMetadata.Format(128, 5000), Bugs.NONE, 16);
    p.createThin(0);
    assertThrows(
        InjectedIoException.class,
        () -> {
          for (long v = 0; v < 5000; v++) {
            p.insertBlock(0, v, p.allocDataBlock());
          }
        });
    assertTrue(p.isFailed());
    refused(Reason.FAILED, () -> p.insertBlock(0, 0, 0));
    p.close(); // a failed pool closes without committing
    try (PoolMetadata reopened = PoolMetadata.open(d)) {
      assertEquals(List.of(), reopened.devices(), "nothing was committed");
    }
  }

  /** Rewrites the superblock on {@code d} with {@code change} applied, re-stamping its checksum. */
  static void patchSuperblock(MemoryBlockDevice d, Consumer<byte[]> change) {
    byte[] b = new byte[BlockManager.BLOCK_SIZE];
    d.read(0, b);
    change.accept(b);
    Checksum.stamp(b, Superblock.CHECKSUM_SALT);
    d.write(0, b);
  }

  static CorruptMetadataException openFails(MemoryBlockDevice d, Consumer<byte[]> change) {
    MemoryBlockDevice copy = d.copy();
    patchSuperblock(copy, change);
    return assertThrows(CorruptMetadataException.class, () -> PoolMetadata.open(copy));
  }

  @Test
  void openChecksTheSuperblock() throws IOException {
    MemoryBlockDevice d = new MemoryBlockDevice(1024);
    create(d).close();
    assertEquals(
        "superblock version", openFails(d, b -> Le.putU32(b, Superblock.VERSION_OFF, 3)).rule());
    assertEquals(
        "superblock version", openFails(d, b -> Le.putU32(b, Superblock.VERSION_OFF, 0)).rule());
    assertEquals(
        "superblock feature flags",
        openFails(d, b -> Le.putU32(b, Superblock.INCOMPAT_FLAGS, 1)).rule());
    assertEquals(
        "superblock feature flags",
        openFails(d, b -> Le.putU32(b, Superblock.COMPAT_RO_FLAGS, 2)).rule());
    assertEquals(
        "superblock metadata block size",
        openFails(d, b -> Le.putU32(b, Superblock.METADATA_BLOCK_SIZE, 16)).rule());
    assertEquals(
        "superblock data block size",
        openFails(d, b -> Le.putU32(b, Superblock.DATA_BLOCK_SIZE, 0)).rule());
    assertEquals(
        "metadata space map size",
        openFails(d, b -> Le.putU64(b, Superblock.METADATA_SM_ROOT, 4096)).rule());
    assertEquals(
        "data space map size",
        openFails(d, b -> Le.putU64(b, Superblock.DATA_SM_ROOT, 1L << 41)).rule());
    assertEquals(
        "superblock magic", openFails(d, b -> Le.putU64(b, Superblock.MAGIC_OFF, 1)).rule());
    assertEquals(
        "superblock block number", openFails(d, b -> Le.putU64(b, Superblock.BLOCKNR, 5)).rule());
    MemoryBlockDevice flipped = d.copy();
    byte[] b = new byte[BlockManager.BLOCK_SIZE];
    flipped.read(0, b);
    b[4000] ^= 1;
    flipped.write(0, b);
    assertEquals(
        "superblock checksum",
        assertThrows(CorruptMetadataException.class, () -> PoolMetadata.open(flipped)).rule());
    // Version 1, as thin_restore writes by default, opens.
    MemoryBlockDevice v1 = d.copy();
    patchSuperblock(v1, x -> Le.putU32(x, Superblock.VERSION_OFF, 1));
    PoolMetadata.open(v1).close();
  }

  @Test
  void removingAnUnmappedBlockLeavesNothingToCommit() throws IOException {
    MemoryBlockDevice formatted = new MemoryBlockDevice(512);
    PoolMetadata.create(formatted, new PoolMetadata.Format(128, 100)).close();
    FaultyDevice dev = new FaultyDevice(formatted);
    PoolMetadata pool = PoolMetadata.open(dev);
    pool.createThin(0);
    pool.insertBlock(0, 5, pool.allocDataBlock());
    pool.commit();
    long writes = dev.operations(IoOp.WRITE);
    assertFalse(pool.removeBlock(0, 6));
    pool.commit();
    assertEquals(writes, dev.operations(IoOp.WRITE), "an unchanged pool writes nothing");
    assertTrue(pool.removeBlock(0, 5));
    pool.commit();
    assertTrue(dev.operations(IoOp.WRITE) > writes, "a real removal is committed");
    assertThrows(PoolOperationException.class, () -> pool.removeBlock(9, 5));
  }
}
