package io.powercut.checker.thin;

import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
import io.powercut.checker.thin.ThinOp.Abort;
import io.powercut.checker.thin.ThinOp.Alloc;
import io.powercut.checker.thin.ThinOp.Commit;
import io.powercut.checker.thin.ThinOp.CreateSnap;
import io.powercut.checker.thin.ThinOp.CreateThin;
import io.powercut.checker.thin.ThinOp.Delete;
import io.powercut.checker.thin.ThinOp.Lookup;
import io.powercut.checker.thin.ThinOp.ReleaseSnap;
import io.powercut.checker.thin.ThinOp.Remove;
import io.powercut.checker.thin.ThinOp.Reopen;
import io.powercut.checker.thin.ThinOp.ReserveSnap;
import io.powercut.checker.thin.ThinOp.Resize;
import io.powercut.checker.thin.ThinOp.SetTransactionId;
import io.powercut.checker.thin.ThinOp.Write;
import io.powercut.device.InjectedIoException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dm-thin pool as a user of dm-thin-metadata may rely on it, in memory: the pending state that
 * operations change and the committed state a crash must recover. It accepts the engine's choice of
 * data block on allocation as long as that block is free both now and at the last commit.
 */
public final class PoolModel implements Model<ThinOp, PoolState> {
  private ModelPool pending;
  private ModelPool committed;

  /**
   * {@link #committed} as a state, made once per commit: it is asked for around every operation.
   */
  private PoolState committedState;

  /** After an IO error the engine must refuse everything but abort. */
  private boolean failed;

  /** A state committed part-way through the last operation (reserve commits, then snapshots). */
  private PoolState midway;

  public PoolModel(long dataBlocks) {
    this.pending = new ModelPool(dataBlocks);
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
  public PoolState pending() {
    return pending.toState();
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
      return expectRefused(outcome, "failed", "the pool failed on an IO error and must refuse it");
    }
    if (outcome.kind() == Outcome.Kind.REFUSED && outcome.detail().equals("no-metadata-space")) {
      // How much metadata an operation needs depends on tree shapes the model does not track.
      return null;
    }
    return apply0(op, outcome);
  }

  private String apply0(ThinOp op, Outcome outcome) {
    if (op instanceof CreateThin o) {
      if (pending.devices.containsKey(o.dev())) {
        return expectRefused(outcome, "device_exists", "device " + o.dev() + " exists");
      }
      return expectOk(outcome, () -> pending.createThin(o.dev()));
    } else if (op instanceof CreateSnap o) {
      if (pending.devices.containsKey(o.dev())) {
        return expectRefused(outcome, "device_exists", "device " + o.dev() + " exists");
      }
      if (!pending.devices.containsKey(o.origin())) {
        return expectRefused(outcome, "no_such_device", "origin " + o.origin() + " is missing");
      }
      return expectOk(outcome, () -> pending.createSnap(o.dev(), o.origin()));
    } else if (op instanceof Delete o) {
      if (!pending.devices.containsKey(o.dev())) {
        return expectRefused(outcome, "no_such_device", "device " + o.dev() + " is missing");
      }
      return expectOk(outcome, () -> pending.delete(o.dev()));
    } else if (op instanceof Write o) {
      return write(o, outcome);
    } else if (op instanceof Remove o) {
      if (!pending.devices.containsKey(o.dev())) {
        return expectRefused(outcome, "no_such_device", "device " + o.dev() + " is missing");
      }
      long expected = pending.isMapped(o.dev(), o.vblock()) ? 1 : 0;
      return expectValue(outcome, expected, () -> pending.remove(o.dev(), o.vblock()));
    } else if (op instanceof Alloc) {
      return allocation(outcome, () -> pending.held.addLast(outcome.value()));
    } else if (op instanceof Lookup o) {
      if (!pending.devices.containsKey(o.dev())) {
        return expectRefused(outcome, "no_such_device", "device " + o.dev() + " is missing");
      }
      return expectValue(outcome, pending.lookup(o.dev(), o.vblock()), () -> {});
    } else if (op instanceof Commit) {
      return expectOk(outcome, this::commit);
    } else if (op instanceof Abort) {
      return expectOk(outcome, this::abort);
    } else if (op instanceof SetTransactionId o) {
      if (o.current() != pending.transactionId) {
        return expectRefused(
            outcome, "bad_transaction_id", "the transaction id is " + pending.transactionId);
      }
      return expectOk(outcome, () -> pending.transactionId = o.next());
    } else if (op instanceof ReserveSnap) {
      if (pending.metadataSnapshot) {
        return expectRefused(outcome, "snapshot_exists", "a metadata snapshot is held");
      }
      return expectOk(
          outcome,
          () -> {
            // The engine commits what is pending before it takes the snapshot.
            midway = pending.toState();
            pending.setMetadataSnapshot(true);
            commit();
          });
    } else if (op instanceof ReleaseSnap) {
      if (!pending.metadataSnapshot) {
        return expectRefused(outcome, "no_snapshot", "no metadata snapshot is held");
      }
      return expectOk(
          outcome,
          () -> {
            pending.setMetadataSnapshot(false);
            commit();
          });
    } else if (op instanceof Resize o) {
      if (o.dataBlocks() < pending.dataBlocks) {
        return expectRefused(outcome, "shrink", "the data device has " + pending.dataBlocks);
      }
      return expectOk(outcome, () -> pending.dataBlocks = o.dataBlocks());
    } else if (op instanceof Reopen) {
      return expectOk(
          outcome,
          () -> {
            commit();
            pending.dropHeld();
          });
    }
    throw new IllegalArgumentException("unknown operation " + op);
  }

  private String write(Write o, Outcome outcome) {
    if (!pending.devices.containsKey(o.dev())) {
      return expectRefused(outcome, "no_such_device", "device " + o.dev() + " is missing");
    }
    if (!pending.held.isEmpty()) {
      long b = pending.held.peekFirst();
      return expectValue(
          outcome,
          b,
          () -> {
            pending.held.removeFirst();
            pending.map(o.dev(), o.vblock(), b);
          });
    }
    return allocation(outcome, () -> pending.map(o.dev(), o.vblock(), outcome.value()));
  }

  /** Judges a fresh allocation: a block free now and at the last commit, or no space if none. */
  private String allocation(Outcome outcome, Runnable then) {
    if (outcome.kind() == Outcome.Kind.REFUSED) {
      long free = pending.allocatableBlocks(committed);
      if (!outcome.detail().equals("no-data-space")) {
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
    then.run();
    return null;
  }

  private void commit() {
    setCommitted(pending.copy());
  }

  private void setCommitted(ModelPool p) {
    committed = p;
    committedState = null;
  }

  private void abort() {
    failed = false;
    ModelPool fresh = committed.copy();
    fresh.dropHeld();
    pending = fresh;
  }

  private String failure(ThinOp op, Outcome outcome) {
    if (!injected(outcome.error())) {
      return "failed unexpectedly: " + outcome.detail();
    }
    failed = true;
    // An IO error during a commit leaves it undecided: either state may be on disk.
    if (op instanceof Commit || op instanceof Reopen) {
      setCommitted(pending.copy());
    } else if (op instanceof ReserveSnap) {
      midway = pending.toState();
      ModelPool p = pending.copy();
      p.setMetadataSnapshot(true);
      setCommitted(p);
    } else if (op instanceof ReleaseSnap) {
      ModelPool p = pending.copy();
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

  private static String expectRefused(Outcome outcome, String reason, String why) {
    if (outcome.kind() == Outcome.Kind.REFUSED && outcome.detail().equals(reason)) {
      return null;
    }
    return "expected refusal (" + reason + ": " + why + "), got " + outcome;
  }

  private static String expectOk(Outcome outcome, Runnable then) {
    if (outcome.kind() != Outcome.Kind.OK) {
      return "expected success, got " + outcome;
    }
    then.run();
    return null;
  }

  private static String expectValue(Outcome outcome, long value, Runnable then) {
    if (outcome.kind() != Outcome.Kind.OK || outcome.value() != value) {
      return "expected ok " + value + ", got " + outcome;
    }
    then.run();
    return null;
  }

  @Override
  public String diff(PoolState expected, PoolState recovered) {
    return PoolStateDiff.of(expected, recovered);
  }
}
