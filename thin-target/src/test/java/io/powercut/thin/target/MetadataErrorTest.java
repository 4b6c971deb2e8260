package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.filled;
import static io.powercut.thin.target.Rig.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.IoFaults;
import io.powercut.device.IoOp;
import io.powercut.thin.target.ThinPoolException.Reason;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * IO errors: a failed metadata operation aborts the transaction and leaves the pool read-only, or
 * failed if the abort fails too ({@code metadata_operation_failed}); a failed data IO fails only
 * that IO. Every error is a typed {@link ThinPoolException}.
 */
class MetadataErrorTest {
  /** Committed: virtual block 0. Pending: virtual block 1. Then the flush that commits it. */
  private static Rig run(IoFaults metadataFaults) throws IOException {
    Rig rig = new Rig(Rig.small(), 8, metadataFaults);
    rig.pool.createThin(0);
    ThinVolume v = rig.pool.openVolume(0, 16);
    v.write(0, filled(1));
    v.flush();
    v.write(4, filled(2));
    return rig;
  }

  /** The number of the first metadata write the flush of {@link #run} makes. */
  private static long firstWriteOfTheFlush() throws IOException {
    try (Rig rig = run(IoFaults.none())) {
      return rig.metadata.operations(IoOp.WRITE);
    }
  }

  private static Reason reason(Executable io) {
    return assertThrows(ThinPoolException.class, io).reason();
  }

  @Test
  void aFailedCommitLeavesTheVolumeReadOnlyWithItsCommittedBlocks() throws IOException {
    long n = firstWriteOfTheFlush();
    Rig rig = run(IoFaults.builder().failAt(IoOp.WRITE, n).build());
    ThinPool pool = rig.pool;
    ThinVolume v = pool.openVolume(0, 16);
    assertEquals(Reason.METADATA_IO, reason(v::flush));
    assertEquals(PoolMode.READ_ONLY, pool.mode());
    assertTrue(pool.metadata().needsCheck(), "needs_check set after the abort");
    assertArrayEquals(filled(1), read(v, 0), "committed: still served");
    assertArrayEquals(new byte[Rig.BLOCK], read(v, 4), "aborted: unmapped again");
    v.write(1, filled(3));
    assertArrayEquals(filled(3), read(v, 1), "a mapped, unshared block takes writes");
    assertArrayEquals(filled(3), read(pool.openVolume(0, 16), 1), "opened read-only");
    assertEquals(Reason.READ_ONLY, reason(() -> v.write(8, filled(4))));
    v.discard(0, 16);
    assertEquals(1, pool.metadata().mappedCount(0), "a read-only pool ignores discards");
    assertEquals(Reason.READ_ONLY, reason(() -> pool.createThin(1)));
    assertEquals(Reason.READ_ONLY, reason(pool::commit));
    pool.tick();
    assertEquals(PoolMode.READ_ONLY, pool.mode());
    pool.close();
    SnapshotIsolationTest.assertClean(rig.metadata);
  }

  @Test
  void theVolumeWhoseChangesWereAbortedFailsItsNextFlush() throws IOException {
    long n = firstWriteOfTheFlush();
    Rig rig = run(IoFaults.builder().failAt(IoOp.WRITE, n).build());
    ThinVolume v = rig.pool.openVolume(0, 16);
    ThinVolume other = rig.pool.openVolume(0, 16);
    assertEquals(Reason.METADATA_IO, reason(() -> v.writeFua(5, filled(9))));
    assertEquals(Reason.ABORTED_CHANGES, reason(v::flush), "what it acknowledged is lost");
    assertEquals(Reason.ABORTED_CHANGES, reason(() -> other.writeFua(0, filled(7))));
    rig.pool.close();
  }

  @Test
  void whenTheAbortFailsTooThePoolFailsEveryIo() throws IOException {
    long n = firstWriteOfTheFlush();
    Rig rig = run(IoFaults.builder().failFrom(IoOp.WRITE, n).build());
    ThinVolume v = rig.pool.openVolume(0, 16);
    assertEquals(Reason.METADATA_IO, reason(v::flush));
    assertEquals(PoolMode.FAIL, rig.pool.mode());
    assertEquals(Reason.FAILED, reason(() -> read(v, 0)));
    assertEquals(Reason.FAILED, reason(() -> v.write(0, filled(1))));
    assertEquals(Reason.FAILED, reason(v::flush));
    assertEquals(Reason.FAILED, reason(() -> v.discard(0, 4)));
    assertEquals(Reason.FAILED, reason(() -> rig.pool.openVolume(0, 16)));
    rig.pool.close();
  }

  @Test
  void aFailedDataWriteFailsThatIoAndLeavesNothingMapped() throws IOException {
    Rig rig =
        new Rig(Rig.small(), 8, IoFaults.none(), IoFaults.builder().failAt(IoOp.WRITE, 0).build());
    rig.pool.createThin(0);
    ThinVolume v = rig.pool.openVolume(0, 16);
    long free = rig.pool.metadata().freeDataBlocks();
    assertEquals(Reason.DATA_IO, reason(() -> v.write(2, filled(1))));
    assertEquals(PoolMode.WRITE, rig.pool.mode());
    assertEquals(0, rig.pool.metadata().mappedCount(0));
    rig.pool.commit();
    assertEquals(free, rig.pool.metadata().freeDataBlocks(), "the block was given back");
    v.write(2, filled(1));
    assertArrayEquals(filled(1), read(v, 2));
    rig.pool.close();
    SnapshotIsolationTest.assertClean(rig.metadata);
  }
}
