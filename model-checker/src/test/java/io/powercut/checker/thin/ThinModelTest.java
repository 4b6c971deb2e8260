package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.IoErrorPlan;
import io.powercut.checker.Outcome;
import io.powercut.checker.thin.ThinOp.Abort;
import io.powercut.checker.thin.ThinOp.Commit;
import io.powercut.checker.thin.ThinOp.CreateThin;
import io.powercut.checker.thin.ThinOp.Delete;
import io.powercut.checker.thin.ThinOp.FreeDataBlocks;
import io.powercut.checker.thin.ThinOp.HeldMetadataRoot;
import io.powercut.checker.thin.ThinOp.Lookup;
import io.powercut.checker.thin.ThinOp.OpenThin;
import io.powercut.checker.thin.ThinOp.Remove;
import io.powercut.checker.thin.ThinOp.ReserveSnap;
import io.powercut.checker.thin.ThinOp.Write;
import io.powercut.device.FaultyDevice;
import io.powercut.device.InjectedIoException;
import io.powercut.device.IoOp;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dm-thin model on hand-made outcomes, with no engine: which answers it accepts, which it calls
 * a live violation (and why), the committed state a crash must recover, and the states it allows at
 * a crash inside an operation.
 */
class ThinModelTest {
  private static final long DATA_BLOCKS = 16;

  private final ThinModel model = new ThinModel(DATA_BLOCKS, 1024, 128);

  private void accepted(ThinOp op, Outcome outcome) {
    assertNull(model.apply(op, outcome), op + " -> " + outcome);
  }

  /** A pool with thin device 0 whose block 5 maps data block 3, not committed. */
  private void deviceWithOneMapping() {
    accepted(new CreateThin(0), Outcome.ok());
    accepted(new Write(0, 5), Outcome.ok(3));
  }

  @Test
  void aRefusalWhereTheModelExpectsSuccessAndTheReverseAreLiveViolations() {
    accepted(new CreateThin(0), Outcome.ok());
    assertEquals(
        "expected refusal (device_exists: device 0 exists or is open), got ok",
        model.apply(new CreateThin(0), Outcome.ok()));
    assertEquals(
        "expected success, got refused (busy)",
        new ThinModel(DATA_BLOCKS, 1024, 128)
            .apply(new Commit(), Outcome.refused(ThinRefusal.BUSY)));
  }

  @Test
  void aWrongAnswerToAQuestionIsALiveViolationBeforeAnyCommit() {
    deviceWithOneMapping();
    accepted(new Lookup(0, 5), Outcome.ok(3 * 2));
    accepted(new Lookup(0, 6), Outcome.ok(-1));
    assertEquals("expected ok 6, got ok 8", model.apply(new Lookup(0, 5), Outcome.ok(8)));
    assertEquals(
        "expected refusal (no_such_device: device 9 is missing), got ok 0",
        model.apply(new Lookup(9, 0), Outcome.ok(0)));
  }

  @Test
  void anAllocatedBlockMustBeFreeNowAndAtTheLastCommit() {
    deviceWithOneMapping();
    accepted(new Commit(), Outcome.ok());
    accepted(new Remove(0, 5), Outcome.ok(1));
    assertEquals(
        "allocated data block 3, which is still in use by the last commit",
        model.apply(new Write(0, 6), Outcome.ok(3)));
    assertEquals(
        "allocated data block 16 outside the data device (16)",
        model.apply(new Write(0, 6), Outcome.ok(16)));
    accepted(new Write(0, 6), Outcome.ok(4));
    assertEquals(
        "allocated data block 4, which is in use", model.apply(new Write(0, 7), Outcome.ok(4)));
  }

  @Test
  void theFreeDataCountIsExactAndABlockFreedInATransactionIsNotFreeBeforeItCommits() {
    accepted(new FreeDataBlocks(), Outcome.ok(DATA_BLOCKS));
    deviceWithOneMapping();
    assertEquals("expected ok 15, got ok 16", model.apply(new FreeDataBlocks(), Outcome.ok(16)));
    accepted(new Commit(), Outcome.ok());
    accepted(new Remove(0, 5), Outcome.ok(1));
    accepted(new FreeDataBlocks(), Outcome.ok(DATA_BLOCKS - 1));
    accepted(new Commit(), Outcome.ok());
    accepted(new FreeDataBlocks(), Outcome.ok(DATA_BLOCKS));
  }

  @Test
  void runningOutOfMetadataMidWriteLeavesTheFreeDataCountUnknownToTheModel() {
    accepted(new CreateThin(0), Outcome.ok());
    accepted(new Write(0, 0), Outcome.refused(ThinRefusal.NO_METADATA_SPACE));
    accepted(new FreeDataBlocks(), Outcome.ok(DATA_BLOCKS - 1));
    accepted(new FreeDataBlocks(), Outcome.ok(DATA_BLOCKS));
  }

  @Test
  void aCrashMustRecoverTheLastCommitNotWhatIsPending() {
    PoolState empty = model.committed();
    deviceWithOneMapping();
    assertEquals(empty, model.committed());
    assertTrue(model.committed().devices().isEmpty());
    assertEquals(1, model.pendingState().devices().size());
    accepted(new Commit(), Outcome.ok());
    PoolState.Device dev = model.committed().devices().get(0L);
    assertEquals(PoolState.mapping(3, 0), dev.mappings().get(5L));
    assertEquals(model.pendingState(), model.committed());
  }

  @Test
  void aCrashInsideAnOperationMayRecoverTheStateBeforeOrAfterIt() {
    PoolState before = model.committed();
    accepted(new CreateThin(0), Outcome.ok());
    assertEquals(List.of(before), model.allowedDuring(before), "nothing committed: one state");
    accepted(new Commit(), Outcome.ok());
    PoolState after = model.committed();
    assertEquals(List.of(before, after), model.allowedDuring(before));
  }

  @Test
  void reservingTheMetadataSnapshotMayAlsoLeaveTheCommitItMakesFirst() {
    deviceWithOneMapping();
    PoolState before = model.committed();
    accepted(new ReserveSnap(), Outcome.ok());
    List<PoolState> allowed = model.allowedDuring(before);
    assertEquals(3, allowed.size(), allowed.toString());
    assertEquals(before, allowed.get(0));
    PoolState midway = allowed.get(1);
    assertFalse(midway.metadataSnapshot(), "the commit before the snapshot");
    assertTrue(midway.devices().containsKey(0L));
    assertTrue(allowed.get(2).metadataSnapshot());
    assertEquals(model.committed(), allowed.get(2));
  }

  @Test
  void theHeldMetadataRootIsAnyMetadataBlockButStaysPutWhileHeld() {
    accepted(new HeldMetadataRoot(), Outcome.ok(0));
    accepted(new ReserveSnap(), Outcome.ok());
    assertEquals(
        "held metadata root 1024 is not a metadata block other than the superblock",
        model.apply(new HeldMetadataRoot(), Outcome.ok(1024)));
    accepted(new HeldMetadataRoot(), Outcome.ok(7));
    assertEquals(
        "held metadata root moved from 7 to 8 while held",
        model.apply(new HeldMetadataRoot(), Outcome.ok(8)));
  }

  @Test
  void anOpenDeviceCannotBeDeleted() {
    accepted(new CreateThin(0), Outcome.ok());
    accepted(new OpenThin(0), Outcome.ok());
    assertEquals(
        "expected refusal (busy: device 0 is open), got ok",
        model.apply(new Delete(0), Outcome.ok()));
  }

  @Test
  void anInjectedIoErrorInACommitAllowsEitherSideAndTheEngineMustThenRefuseAllButAbort()
      throws IOException {
    accepted(new CreateThin(0), Outcome.ok());
    PoolState before = model.committed();
    accepted(new Commit(), Outcome.failed(injectedWriteError()));
    List<PoolState> allowed = model.allowedDuring(before);
    assertEquals(2, allowed.size(), allowed.toString());
    assertTrue(allowed.get(1).devices().containsKey(0L), "the commit may have made it");
    assertEquals(
        "expected refusal (failed: the pool failed on an IO error and must refuse it), got ok",
        model.apply(new CreateThin(1), Outcome.ok()));
    accepted(new CreateThin(1), Outcome.refused(ThinRefusal.FAILED));
    accepted(new Abort(), Outcome.ok());
    accepted(new CreateThin(1), Outcome.ok());
  }

  @Test
  void aFailureNobodyInjectedIsALiveViolation() {
    String wrong = model.apply(new Commit(), Outcome.failed(new IOException("disk on fire")));
    assertEquals("failed unexpectedly: java.io.IOException: disk on fire", wrong);
  }

  /** The error a fault device injects into its first write. */
  private static InjectedIoException injectedWriteError() throws IOException {
    FaultyDevice device =
        new FaultyDevice(new MemoryBlockDevice(1), new IoErrorPlan(IoOp.WRITE, 0, false).faults());
    try {
      device.write(0, new byte[device.blockSize()]);
    } catch (InjectedIoException e) {
      return e;
    }
    throw new AssertionError("the fault device injected no error");
  }
}
