package io.powercut.checker.thinvolume;

import io.powercut.checker.Engine;
import io.powercut.checker.Outcome;
import io.powercut.thin.target.ThinPool;
import io.powercut.thin.target.ThinPoolException;
import io.powercut.thin.target.ThinVolume;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** The pool running a workload, every live device open as a volume. */
final class VolumeEngine implements Engine<VolumeOp> {
  private final ThinPool pool;
  private final Map<Long, ThinVolume> open = new TreeMap<>();
  private long writes;

  VolumeEngine(ThinPool pool) throws IOException {
    this.pool = pool;
    for (long id : pool.metadata().devices()) {
      open.put(id, pool.openVolume(id, ThinVolumeSubject.VOLUME_BLOCKS));
    }
  }

  @Override
  public Outcome apply(VolumeOp op) {
    long seq = op instanceof VolumeOp.Write ? writes++ : -1;
    try {
      VolumeRefusal refusal = refusalOf(op);
      if (refusal != null) {
        return Outcome.refused(refusal);
      }
      run(op, seq);
      return Outcome.ok();
    } catch (ThinPoolException e) {
      return e.reason() == ThinPoolException.Reason.NO_DATA_SPACE
          ? Outcome.refused(VolumeRefusal.NO_DATA_SPACE)
          : Outcome.failed(e);
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  /** Ids are checked here so that the pool is asked only what it can do. */
  private VolumeRefusal refusalOf(VolumeOp op) {
    if (op instanceof VolumeOp.Create c) {
      return open.containsKey(c.volume()) ? VolumeRefusal.VOLUME_EXISTS : null;
    } else if (op instanceof VolumeOp.Snapshot s) {
      if (!open.containsKey(s.origin())) {
        return VolumeRefusal.NO_SUCH_VOLUME;
      }
      return open.containsKey(s.snapshot()) ? VolumeRefusal.VOLUME_EXISTS : null;
    } else if (op instanceof VolumeOp.Tick) {
      return null;
    } else if (!open.containsKey(VolumeModel.volumeOf(op))) {
      return VolumeRefusal.NO_SUCH_VOLUME;
    }
    return op.withinVolume() ? null : VolumeRefusal.OUT_OF_RANGE;
  }

  private void run(VolumeOp op, long seq) throws IOException {
    if (op instanceof VolumeOp.Create c) {
      pool.createThin(c.volume());
      open.put(c.volume(), pool.openVolume(c.volume(), ThinVolumeSubject.VOLUME_BLOCKS));
    } else if (op instanceof VolumeOp.Snapshot s) {
      pool.createSnapshot(s.snapshot(), s.origin());
      open.put(s.snapshot(), pool.openVolume(s.snapshot(), ThinVolumeSubject.VOLUME_BLOCKS));
    } else if (op instanceof VolumeOp.Delete d) {
      open.remove(d.volume()).close();
      pool.deleteDevice(d.volume());
    } else if (op instanceof VolumeOp.Write w) {
      open.get(w.volume()).writeBlocks(w.block(), w.stamps(seq), w.fua());
    } else if (op instanceof VolumeOp.Flush f) {
      open.get(f.volume()).flush();
    } else if (op instanceof VolumeOp.Discard d) {
      int k = ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK;
      open.get(d.volume()).discard(d.dataBlock() * k, k);
    } else {
      pool.tick();
    }
  }

  /** Nothing more: closing the pool would commit, which a power cut does not. */
  @Override
  public void close() {}
}
