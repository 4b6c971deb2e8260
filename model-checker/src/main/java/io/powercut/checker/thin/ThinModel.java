package io.powercut.checker.thin;

import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
import io.powercut.checker.thin.ThinOp.Abort;
import io.powercut.checker.thin.ThinOp.Alloc;
import io.powercut.checker.thin.ThinOp.CloseThin;
import io.powercut.checker.thin.ThinOp.Commit;
import io.powercut.checker.thin.ThinOp.CreateSnap;
import io.powercut.checker.thin.ThinOp.CreateThin;
import io.powercut.checker.thin.ThinOp.Delete;
import io.powercut.checker.thin.ThinOp.OpenThin;
import io.powercut.checker.thin.ThinOp.ReleaseSnap;
import io.powercut.checker.thin.ThinOp.Remove;
import io.powercut.checker.thin.ThinOp.Reopen;
import io.powercut.checker.thin.ThinOp.ReserveSnap;
import io.powercut.checker.thin.ThinOp.Resize;
import io.powercut.checker.thin.ThinOp.SetNeedsCheck;
import io.powercut.checker.thin.ThinOp.SetTransactionId;
import io.powercut.checker.thin.ThinOp.Write;
import io.powercut.device.InjectedIoException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The dm-thin pool as a user of dm-thin-metadata may rely on it, in memory: the pending state that
 * operations change and the committed state a crash must recover. It accepts the engine's choice of
 * data block on allocation as long as that block is free both now and at the last commit. Queries
 * are judged by {@link PoolQueries} against the pending state, including the in-core counters a
 * reopen would recompute: the free data count exactly (free at the last commit, plus what a resize
 * added, less this transaction's allocations: blocks freed in a transaction are not free before it
 * commits), the free metadata count within {@link MetadataFreeCount}'s bounds.
 */
public final class ThinModel implements Model<ThinOp, PoolState> {
  /** Metadata blocks the engine keeps back from its free count (two operation reserves). */
  static final long METADATA_RESERVE = 128;

  private MutablePoolState pending;
  private MutablePoolState committed;

  /**
   * {@link #committed} as a state, made once per commit: it is asked for around every operation.
   */
  private PoolState committedState;

  /** After an IO error the engine must refuse everything but abort. */
  private boolean failed;

  /** A state committed part-way through the last operation (reserve commits, then snapshots). */
  private PoolState midway;

  /** Data blocks allocated since the last commit point (each one leaves the free count). */
  private long allocations;

  /** False after metadata ran out mid-write: whether a block was allocated is unknown. */
  private boolean dataFreeKnown = true;

  private final ModelOpenDevices openDevices = new ModelOpenDevices();
  private final MetadataFreeCount metadataFree;
  private final PoolQueries queries;

  public ThinModel(long dataBlocks, long metadataBlocks, long dataBlockSize) {
    this.pending = new MutablePoolState(dataBlocks);
    this.metadataFree = new MetadataFreeCount(metadataBlocks, METADATA_RESERVE);
    this.queries = new PoolQueries(metadataBlocks, dataBlockSize, openDevices, metadataFree);
    setCommitted(pending.copy());
  }

  @Override
  public PoolState committed() {
    if (committedState == null) {
      committedState = committed.toState();
    }
    return committedState;
  }

  /** The state as of now, committed or not. */
  public PoolState pendingState() {
    return pending.toState();
  }

  /**
   * Free at the last commit, plus what a resize added since, less this transaction's allocations;
   * unknown after metadata ran out mid-write.
   */
  private OptionalLong expectedFreeDataBlocks() {
    return dataFreeKnown
        ? OptionalLong.of(pending.dataBlocks - committedUsedBlocks() - allocations)
        : OptionalLong.empty();
  }

  /** Data blocks in use at the last commit, from its state (built once per commit). */
  private long committedUsedBlocks() {
    return committed().dataBlocks() - committed().freeDataBlocks();
  }

  @Override
  public List<PoolState> allowedDuring(PoolState before) {
    PoolState after = committed();
    List<PoolState> allowed = new ArrayList<>(List.of(before));
    for (PoolState s : new PoolState[] {midway, after}) {
      if (s != null && !allowed.contains(s)) {
        allowed.add(s);
      }
    }
    return allowed;
  }

  @Override
  public String apply(ThinOp op, Outcome outcome) {
    midway = null;
    if (outcome.kind() == Outcome.Kind.FAILED) {
      return failure(op, outcome);
    }
    if (failed && !(op instanceof Abort)) {
      return Expect.refused(
          outcome, ThinRefusal.FAILED, "the pool failed on an IO error and must refuse it");
    }
    if (outcome.isRefused(ThinRefusal.NO_METADATA_SPACE)) {
      // How much metadata an operation needs depends on tree shapes the model does not track; a
      // write may have allocated its data block before it ran out.
      metadataFree.unknown();
      dataFreeKnown = false;
      return null;
    }
    if (op instanceof ThinOp.Query q) {
      return queries.judge(q, outcome, pending, expectedFreeDataBlocks());
    }
    return applyChange(op, outcome);
  }

  private String applyChange(ThinOp op, Outcome outcome) {
    if (op instanceof CreateThin o) {
      if (pending.devices.containsKey(o.dev()) || openDevices.isOpen(o.dev())) {
        return Expect.refused(
            outcome, ThinRefusal.DEVICE_EXISTS, "device " + o.dev() + " exists or is open");
      }
      return Expect.ok(outcome, () -> changedDevice(o.dev(), () -> pending.createThin(o.dev())));
    } else if (op instanceof CreateSnap o) {
      if (pending.devices.containsKey(o.dev()) || openDevices.isOpen(o.dev())) {
        return Expect.refused(
            outcome, ThinRefusal.DEVICE_EXISTS, "device " + o.dev() + " exists or is open");
      }
      if (!pending.devices.containsKey(o.origin())) {
        return Expect.refused(
            outcome, ThinRefusal.NO_SUCH_DEVICE, "origin " + o.origin() + " is missing");
      }
      return Expect.ok(
          outcome,
          () -> {
            openDevices.changed(o.origin());
            changedDevice(o.dev(), () -> pending.createSnap(o.dev(), o.origin()));
          });
    } else if (op instanceof Delete o) {
      if (openDevices.isOpen(o.dev())) {
        return Expect.refused(outcome, ThinRefusal.BUSY, "device " + o.dev() + " is open");
      }
      if (!pending.devices.containsKey(o.dev())) {
        return Expect.refused(
            outcome, ThinRefusal.NO_SUCH_DEVICE, "device " + o.dev() + " is missing");
      }
      return Expect.ok(
          outcome,
          () -> {
            changed(true);
            openDevices.deleted(o.dev());
            pending.delete(o.dev());
          });
    } else if (op instanceof Write o) {
      return write(o, outcome);
    } else if (op instanceof Remove o) {
      if (!pending.devices.containsKey(o.dev())) {
        return Expect.refused(
            outcome, ThinRefusal.NO_SUCH_DEVICE, "device " + o.dev() + " is missing");
      }
      boolean mapped = pending.isMapped(o.dev(), o.vblock());
      return Expect.value(
          outcome,
          mapped ? 1 : 0,
          () -> {
            if (mapped) {
              changedDevice(o.dev(), () -> pending.remove(o.dev(), o.vblock()));
            }
          });
    } else if (op instanceof Alloc) {
      return allocation(
          outcome,
          () -> {
            changed(true);
            pending.held.addLast(outcome.value());
          });
    } else if (op instanceof OpenThin o) {
      if (!pending.devices.containsKey(o.dev()) && !openDevices.isOpen(o.dev())) {
        return Expect.refused(
            outcome, ThinRefusal.NO_SUCH_DEVICE, "device " + o.dev() + " is missing");
      }
      return Expect.ok(outcome, () -> openDevices.open(o.dev()));
    } else if (op instanceof CloseThin o) {
      if (!openDevices.isOpen(o.dev())) {
        return Expect.refused(
            outcome, ThinRefusal.NOT_OPEN, "no handle of device " + o.dev() + " is open");
      }
      return Expect.ok(outcome, () -> openDevices.close(o.dev()));
    } else if (op instanceof Commit) {
      return Expect.ok(outcome, this::commit);
    } else if (op instanceof Abort) {
      return Expect.ok(outcome, this::abort);
    } else if (op instanceof SetTransactionId o) {
      if (o.current() != pending.transactionId) {
        return Expect.refused(
            outcome,
            ThinRefusal.BAD_TRANSACTION_ID,
            "the transaction id is " + pending.transactionId);
      }
      return Expect.ok(
          outcome,
          () -> {
            changed(false);
            pending.transactionId = o.next();
          });
    } else if (op instanceof ReserveSnap) {
      if (pending.metadataSnapshot) {
        return Expect.refused(outcome, ThinRefusal.SNAPSHOT_EXISTS, "a metadata snapshot is held");
      }
      return Expect.ok(
          outcome,
          () -> {
            // The engine commits what is pending before it takes the snapshot.
            midway = pending.toState();
            pending.setMetadataSnapshot(true);
            changed(false);
            commit();
            queries.snapshotChanged();
          });
    } else if (op instanceof ReleaseSnap) {
      if (!pending.metadataSnapshot) {
        return Expect.refused(outcome, ThinRefusal.NO_SNAPSHOT, "no metadata snapshot is held");
      }
      return Expect.ok(
          outcome,
          () -> {
            pending.setMetadataSnapshot(false);
            changed(false);
            commit();
            queries.snapshotChanged();
          });
    } else if (op instanceof Resize o) {
      if (o.dataBlocks() < pending.dataBlocks) {
        return Expect.refused(
            outcome, ThinRefusal.SHRINK, "the data device has " + pending.dataBlocks);
      }
      return Expect.ok(
          outcome,
          () -> {
            changed(false);
            pending.dataBlocks = o.dataBlocks();
          });
    } else if (op instanceof SetNeedsCheck) {
      return Expect.ok(
          outcome,
          () -> {
            pending.needsCheck = true;
            changed(false);
            commit();
          });
    } else if (op instanceof Reopen) {
      return Expect.ok(
          outcome,
          () -> {
            commit();
            pending.dropHeld();
            openDevices.reopened();
            metadataFree.reloaded();
          });
    }
    throw new IllegalArgumentException("unknown operation " + op);
  }

  /** A change succeeded; {@code shadows}: it touches a tree or a space map. */
  private void changed(boolean shadows) {
    metadataFree.changed(shadows);
  }

  /** A change of a device's details (creation, snapshot, mapping, unmapping). */
  private void changedDevice(long dev, Runnable change) {
    changed(true);
    change.run();
    openDevices.changed(dev);
  }

  private String write(Write o, Outcome outcome) {
    if (!pending.devices.containsKey(o.dev())) {
      return Expect.refused(
          outcome, ThinRefusal.NO_SUCH_DEVICE, "device " + o.dev() + " is missing");
    }
    if (!pending.held.isEmpty()) {
      long b = pending.held.peekFirst();
      return Expect.value(
          outcome,
          b,
          () -> {
            pending.held.removeFirst();
            changedDevice(o.dev(), () -> pending.map(o.dev(), o.vblock(), b));
          });
    }
    return allocation(
        outcome,
        () -> changedDevice(o.dev(), () -> pending.map(o.dev(), o.vblock(), outcome.value())));
  }

  /** Judges a fresh allocation: a block free now and at the last commit, or no space if none. */
  private String allocation(Outcome outcome, Runnable then) {
    if (outcome.kind() == Outcome.Kind.REFUSED) {
      long free = pending.allocatableBlocks(committed);
      if (!outcome.isRefused(ThinRefusal.NO_DATA_SPACE)) {
        return "refused (" + outcome.detail() + "), expected an allocation";
      }
      return free == 0 ? null : "refused for lack of data space, but " + free + " blocks are free";
    }
    long b = outcome.value();
    if (b < 0 || b >= pending.dataBlocks) {
      return "allocated data block " + b + " outside the data device (" + pending.dataBlocks + ")";
    }
    if (pending.inUse(b) || committed.inUse(b)) {
      return "allocated data block "
          + b
          + ", which is "
          + (pending.inUse(b) ? "in use" : "still in use by the last commit");
    }
    allocations++;
    then.run();
    return null;
  }

  /** A commit point: the engine commits if anything changed. */
  private void commit() {
    setCommitted(pending.copy());
    endTransaction();
    metadataFree.committed();
  }

  private void endTransaction() {
    allocations = 0;
    dataFreeKnown = true;
    openDevices.committed();
  }

  private void setCommitted(MutablePoolState p) {
    committed = p;
    committedState = null;
  }

  private void abort() {
    failed = false;
    MutablePoolState fresh = committed.copy();
    fresh.dropHeld();
    pending = fresh;
    openDevices.aborted();
    allocations = 0;
    dataFreeKnown = true;
    metadataFree.reloaded();
  }

  private String failure(ThinOp op, Outcome outcome) {
    if (!injected(outcome.error())) {
      return "failed unexpectedly: " + outcome.detail();
    }
    failed = true;
    // An IO error during a commit leaves it undecided: either state may be on disk.
    if (op instanceof Commit || op instanceof Reopen) {
      setCommitted(pending.copy());
    } else if (op instanceof SetNeedsCheck) {
      MutablePoolState p = pending.copy();
      p.needsCheck = true;
      setCommitted(p);
    } else if (op instanceof ReserveSnap) {
      midway = pending.toState();
      MutablePoolState p = pending.copy();
      p.setMetadataSnapshot(true);
      setCommitted(p);
    } else if (op instanceof ReleaseSnap) {
      MutablePoolState p = pending.copy();
      p.setMetadataSnapshot(false);
      setCommitted(p);
    }
    return null;
  }

  private static boolean injected(Throwable t) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof InjectedIoException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String diff(PoolState expected, PoolState recovered) {
    return PoolStateDiff.of(expected, recovered);
  }

  @Override
  public boolean matches(PoolState expected, PoolState recovered) {
    return expected.equals(recovered);
  }
}
