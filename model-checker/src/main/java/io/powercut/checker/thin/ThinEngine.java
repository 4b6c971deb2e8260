package io.powercut.checker.thin;

import io.powercut.checker.Engine;
import io.powercut.checker.Outcome;
import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.btree.WouldBlockException;
import io.powercut.thin.Mapping;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.ThinDevice;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@link ThinOp}s on {@link PoolMetadata} the way the dm-thin pool target would: a write
 * allocates a data block (or uses one allocated earlier) and maps it; thin devices are opened and
 * closed as thin targets come and go, and a reopen closes them first. Every answer becomes the
 * outcome's value (true is 1, false 0) for the model to judge.
 */
final class ThinEngine implements Engine<ThinOp> {
  private final BlockDevice device;
  private final Bugs bugs;
  private final int cacheBlocks;
  private final ArrayDeque<Long> held = new ArrayDeque<>();

  /** Open handles per device, newest last. */
  private final Map<Long, ArrayDeque<ThinDevice>> handles = new HashMap<>();

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
      return Outcome.ok(op instanceof ThinOp.Query q ? ask(q) : run(op));
    } catch (PoolOperationException e) {
      return Outcome.refused(ThinRefusal.of(e.reason()));
    } catch (NoSpaceException e) {
      return Outcome.refused(
          e.space() == NoSpaceException.Space.METADATA
              ? ThinRefusal.NO_METADATA_SPACE
              : ThinRefusal.NO_DATA_SPACE);
    } catch (WouldBlockException e) {
      return Outcome.refused(ThinRefusal.WOULD_BLOCK);
    } catch (NotOpenException e) {
      return Outcome.refused(ThinRefusal.NOT_OPEN);
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  private long run(ThinOp op) throws IOException {
    if (op instanceof ThinOp.CreateThin o) {
      pool.createThin(o.dev());
    } else if (op instanceof ThinOp.CreateSnap o) {
      pool.createSnapshot(o.dev(), o.origin());
    } else if (op instanceof ThinOp.Delete o) {
      pool.deleteDevice(o.dev());
    } else if (op instanceof ThinOp.Write o) {
      return write(o);
    } else if (op instanceof ThinOp.Remove o) {
      return bit(pool.removeBlock(o.dev(), o.vblock()));
    } else if (op instanceof ThinOp.Alloc) {
      long b = pool.allocDataBlock();
      held.addLast(b);
      return b;
    } else if (op instanceof ThinOp.Commit) {
      pool.commit();
    } else if (op instanceof ThinOp.Abort) {
      held.clear();
      pool.abort();
    } else if (op instanceof ThinOp.SetTransactionId o) {
      pool.setTransactionId(o.current(), o.next());
    } else if (op instanceof ThinOp.ReserveSnap) {
      pool.reserveMetadataSnapshot();
    } else if (op instanceof ThinOp.ReleaseSnap) {
      pool.releaseMetadataSnapshot();
    } else if (op instanceof ThinOp.Resize o) {
      pool.resizeDataDevice(o.dataBlocks());
    } else if (op instanceof ThinOp.SetNeedsCheck) {
      pool.setNeedsCheck();
    } else if (op instanceof ThinOp.OpenThin o) {
      ThinDevice td = pool.openThinDevice(o.dev());
      handles.computeIfAbsent(o.dev(), d -> new ArrayDeque<>()).addLast(td);
    } else if (op instanceof ThinOp.CloseThin o) {
      pool.closeThinDevice(handle(o.dev()));
      handles.get(o.dev()).removeLast();
    } else if (op instanceof ThinOp.Reopen) {
      for (ArrayDeque<ThinDevice> open : handles.values()) {
        for (ThinDevice td : open) {
          pool.closeThinDevice(td);
        }
      }
      handles.clear();
      pool.close();
      held.clear();
      pool = PoolMetadata.open(device, bugs, cacheBlocks);
    } else {
      throw new IllegalArgumentException("unknown operation " + op);
    }
    return -1;
  }

  private long write(ThinOp.Write o) throws IOException {
    // The pool target knows its devices; it never allocates for a write to a missing one.
    if (!pool.deviceExists(o.dev())) {
      throw new PoolOperationException(
          PoolOperationException.Reason.NO_SUCH_DEVICE, "no thin device " + o.dev());
    }
    // Nor does it allocate a block it could not map: refuse before allocating.
    if (pool.freeMetadataBlocks() == 0) {
      throw new NoSpaceException(NoSpaceException.Space.METADATA);
    }
    long b = held.isEmpty() ? pool.allocDataBlock() : held.peekFirst();
    pool.insertBlock(o.dev(), o.vblock(), b);
    if (!held.isEmpty() && held.peekFirst() == b) {
      held.removeFirst();
    }
    return b;
  }

  private long ask(ThinOp.Query q) throws IOException, WouldBlockException {
    if (q instanceof ThinOp.Lookup o) {
      return lookup(pool.findBlock(o.dev(), o.vblock()));
    } else if (q instanceof ThinOp.LookupNonBlocking o) {
      return lookup(pool.findBlockNonBlocking(o.dev(), o.vblock()));
    } else if (q instanceof ThinOp.HighestMapped o) {
      return pool.highestMappedBlock(o.dev());
    } else if (q instanceof ThinOp.MappedCount o) {
      return pool.mappedCount(o.dev());
    } else if (q instanceof ThinOp.DeviceExists o) {
      return bit(pool.deviceExists(o.dev()));
    } else if (q instanceof ThinOp.FreeDataBlocks) {
      return pool.freeDataBlocks();
    } else if (q instanceof ThinOp.FreeMetadataBlocks) {
      return pool.freeMetadataBlocks();
    } else if (q instanceof ThinOp.DataDeviceSize) {
      return pool.dataDeviceSize();
    } else if (q instanceof ThinOp.MetadataDeviceSize) {
      return pool.metadataDeviceSize();
    } else if (q instanceof ThinOp.DataBlockSize) {
      return pool.dataBlockSize();
    } else if (q instanceof ThinOp.TransactionId) {
      return pool.transactionId();
    } else if (q instanceof ThinOp.HeldMetadataRoot) {
      return pool.metadataSnapshot();
    } else if (q instanceof ThinOp.Time) {
      return pool.time();
    } else if (q instanceof ThinOp.NeedsCheck) {
      return bit(pool.needsCheck());
    } else if (q instanceof ThinOp.PoolChanged) {
      return bit(pool.changedThisTransaction());
    } else if (q instanceof ThinOp.ThinChanged o) {
      return bit(pool.changedThisTransaction(handle(o.dev())));
    } else if (q instanceof ThinOp.ThinAbortedChanges o) {
      return bit(pool.abortedChanges(handle(o.dev())));
    }
    throw new IllegalArgumentException("unknown query " + q);
  }

  /** The newest open handle of {@code dev}; refused (not_open) if there is none. */
  private ThinDevice handle(long dev) throws NotOpenException {
    ArrayDeque<ThinDevice> open = handles.get(dev);
    if (open == null || open.isEmpty()) {
      throw new NotOpenException(dev);
    }
    return open.peekLast();
  }

  /** A request for a handle the workload never opened: the harness refuses it, not the pool. */
  private static final class NotOpenException extends IOException {
    private static final long serialVersionUID = 1L;

    NotOpenException(long dev) {
      super("no open handle of thin device " + dev);
    }
  }

  private static long lookup(Mapping m) {
    return m == null ? -1 : m.dataBlock() * 2 + (m.shared() ? 1 : 0);
  }

  private static long bit(boolean b) {
    return b ? 1 : 0;
  }

  /** Drops the pool without closing it: closing would commit, and a crash does not. */
  @Override
  public void close() {
    pool = null;
  }
}
