package io.powercut.checker.thinvolume;

import io.powercut.checker.Engine;
import io.powercut.checker.Outcome;
import io.powercut.thin.target.ThinPool;
import io.powercut.thin.target.ThinPoolException;
import java.io.IOException;

/** The engine above on its volume, and the pool's administrator beside it. */
final class StackEngine<O> implements Engine<StackOp<O>> {
  private final ThinPool pool;
  private final Engine<O> above;
  // Snapshots take ids 1, 2, ... of the volume (id 0).
  private long nextSnapshot = 1;

  StackEngine(ThinPool pool, Engine<O> above) {
    this.pool = pool;
    this.above = above;
  }

  @Override
  public Outcome apply(StackOp<O> op) {
    if (op instanceof StackOp.Above<O> a) {
      return above.apply(a.op());
    }
    try {
      if (op instanceof StackOp.Snapshot) {
        pool.createSnapshot(nextSnapshot++, 0);
      } else {
        pool.tick();
      }
      return Outcome.ok();
    } catch (ThinPoolException e) {
      return e.reason() == ThinPoolException.Reason.NO_DATA_SPACE
          ? Outcome.refused(VolumeRefusal.NO_DATA_SPACE)
          : Outcome.failed(e);
    } catch (IOException | RuntimeException e) {
      return Outcome.failed(e);
    }
  }

  /** The engine above stops; the pool does not commit, as a power cut would not. */
  @Override
  public void close() throws IOException {
    above.close();
  }
}
