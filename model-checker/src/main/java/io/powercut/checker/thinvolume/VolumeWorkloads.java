package io.powercut.checker.thinvolume;

import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded workloads over a few volumes and blocks: mostly writes (of one block or of a whole data
 * block) and flushes, some FUA writes, snapshots, discards (of snapshots too), deletes, creates and
 * ticks. Ids beyond the initial volumes make room for snapshots and new volumes; an op on a missing
 * id is refused, which the model predicts.
 */
public final class VolumeWorkloads implements WorkloadGenerator<VolumeOp> {
  private static final long IDS = 4;

  @Override
  public List<VolumeOp> generate(long seed, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length: expected >= 0, got " + length);
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<VolumeOp> ops = new ArrayList<>(length);
    long lastWritten = 0;
    for (int i = 0; i < length; i++) {
      VolumeOp op = next(r, lastWritten);
      if (op instanceof VolumeOp.Write w) {
        lastWritten = w.block();
      }
      ops.add(op);
    }
    return ops;
  }

  private static VolumeOp next(SplittableRandom r, long lastWritten) {
    // The initial volumes take most IO, so that writes meet snapshots and discards.
    long v = r.nextInt(4) == 0 ? r.nextLong(IDS) : r.nextLong(ThinVolumeSubject.INITIAL_VOLUMES);
    long block = r.nextLong(ThinVolumeSubject.VOLUME_BLOCKS);
    int roll = r.nextInt(100);
    if (roll < 45) {
      return write(r, v, block, false);
    } else if (roll < 65) {
      return new VolumeOp.Flush(v);
    } else if (roll < 73) {
      return write(r, v, block, true);
    } else if (roll < 80) {
      return new VolumeOp.Snapshot(r.nextLong(IDS), v);
    } else if (roll < 87) {
      // Half of them on any id, so that snapshots discard too (fstrim on a mounted snapshot), and
      // half of those where the last write went: a discard by one sharer of a block another one
      // just wrote is where passdown meets the last commit.
      if (r.nextBoolean()) {
        return new VolumeOp.Discard(v, block / ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK);
      }
      long b = r.nextBoolean() ? lastWritten : block;
      return new VolumeOp.Discard(r.nextLong(IDS), b / ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK);
    } else if (roll < 91) {
      return new VolumeOp.Delete(r.nextLong(IDS));
    } else if (roll < 95) {
      return new VolumeOp.Create(r.nextLong(IDS));
    }
    return new VolumeOp.Tick();
  }

  /** One block, or (one time in three) a whole data block, which provisions without zeroing. */
  private static VolumeOp write(SplittableRandom r, long v, long block, boolean fua) {
    if (r.nextInt(3) > 0) {
      return new VolumeOp.Write(v, block, fua);
    }
    int k = ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK;
    return new VolumeOp.Write(v, block / k * k, k, fua);
  }

  /**
   * The exhaustive sweep's alphabet over the 2 initial volumes: partial writes of both halves of a
   * data block and of the other volume, a partial FUA and a FUA of a whole data block of the other
   * volume, flushes, a snapshot, a discard by the origin and one by the snapshot (with the writes,
   * four operations reach the passdown window of {@code passdown-before-commit}) and a tick.
   */
  public static List<VolumeOp> vocabulary() {
    return List.of(
        new VolumeOp.Write(0, 0, false),
        new VolumeOp.Write(0, 1, false),
        new VolumeOp.Write(1, 0, false),
        new VolumeOp.Write(0, 2, true),
        new VolumeOp.Write(1, 2, ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK, true),
        new VolumeOp.Flush(0),
        new VolumeOp.Flush(1),
        new VolumeOp.Snapshot(2, 0),
        new VolumeOp.Discard(0, 0),
        new VolumeOp.Discard(2, 0),
        new VolumeOp.Tick());
  }
}
