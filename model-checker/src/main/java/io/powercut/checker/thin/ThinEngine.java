package io.powercut.checker.thin;

import io.powercut.checker.Engine;
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
import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.NoSpaceException;
import io.powercut.thin.Mapping;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.PoolOperationException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Runs {@link ThinOp}s on {@link PoolMetadata} the way the dm-thin pool target would: a write
 * allocates a data block (or uses one allocated earlier) and maps it.
 */
final class ThinEngine implements Engine<ThinOp> {
  private final BlockDevice device;
  private final Bugs bugs;
  private final int cacheBlocks;
  private final ArrayDeque<Long> held = new ArrayDeque<>();
  private PoolMetadata pool;

  ThinEngine(BlockDevice device, Bugs bugs, int cacheBlocks) throws IOException {
    this.device = device;
    this.bugs = bugs;
    this.cacheBlocks = cacheBlocks;
    this.pool = PoolMetadata.open(device, bugs, cacheBlocks);
  }

  @Override
  public Outcome apply(ThinOp op) {
    try {
      return Outcome.ok(run(op));
    } catch (PoolOperationException e) {
      return Outcome.refused(e.reason().name().toLowerCase(Locale.ROOT));
    } catch (NoSpaceException e) {
      return Outcome.refused(
          e.getMessage().contains("metadata") ? "no-metadata-space" : "no-data-space");
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  private long run(ThinOp op) throws IOException {
    if (op instanceof CreateThin o) {
      pool.createThin(o.dev());
    } else if (op instanceof CreateSnap o) {
      pool.createSnapshot(o.dev(), o.origin());
    } else if (op instanceof Delete o) {
      pool.deleteDevice(o.dev());
    } else if (op instanceof Write o) {
      // The pool target knows its devices; it never allocates for a write to a missing one.
      if (!pool.deviceExists(o.dev())) {
        throw new PoolOperationException(
            PoolOperationException.Reason.NO_SUCH_DEVICE, "no thin device " + o.dev());
      }
      // Nor does it allocate a block it could not map: refuse before allocating.
      if (pool.freeMetadataBlocks() == 0) {
        throw new NoSpaceException("metadata");
      }
      long b = held.isEmpty() ? pool.allocDataBlock() : held.peekFirst();
      pool.insertBlock(o.dev(), o.vblock(), b);
      if (!held.isEmpty() && held.peekFirst() == b) {
        held.removeFirst();
      }
      return b;
    } else if (op instanceof Remove o) {
      return pool.removeBlock(o.dev(), o.vblock()) ? 1 : 0;
    } else if (op instanceof Alloc) {
      long b = pool.allocDataBlock();
      held.addLast(b);
      return b;
    } else if (op instanceof Lookup o) {
      Mapping m = pool.findBlock(o.dev(), o.vblock());
      return m == null ? -1 : m.dataBlock() * 2 + (m.shared() ? 1 : 0);
    } else if (op instanceof Commit) {
      pool.commit();
    } else if (op instanceof Abort) {
      held.clear();
      pool.abort();
    } else if (op instanceof SetTransactionId o) {
      pool.setTransactionId(o.current(), o.next());
    } else if (op instanceof ReserveSnap) {
      pool.reserveMetadataSnapshot();
    } else if (op instanceof ReleaseSnap) {
      pool.releaseMetadataSnapshot();
    } else if (op instanceof Resize o) {
      pool.resizeDataDevice(o.dataBlocks());
    } else if (op instanceof Reopen) {
      pool.close();
      held.clear();
      pool = PoolMetadata.open(device, bugs, cacheBlocks);
    } else {
      throw new IllegalArgumentException("unknown operation " + op);
    }
    return -1;
  }

  /** Drops the pool without closing it: closing would commit, and a crash does not. */
  @Override
  public void close() {
    pool = null;
  }
}
