package io.powercut.checker.thinvolume;

import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded workloads over a few volumes and blocks: mostly writes and flushes, some FUA writes,
 * snapshots, discards, deletes, creates and ticks. Ids beyond the initial volumes make room for
 * snapshots and new volumes; an op on a missing id is refused, which the model predicts.
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
    for (int i = 0; i < length; i++) {
      ops.add(next(r));
    }
    return ops;
  }

  private static VolumeOp next(SplittableRandom r) {
    // The initial volumes take most IO, so that writes meet snapshots and discards.
    long v = r.nextInt(4) == 0 ? r.nextLong(IDS) : r.nextLong(ThinVolumeSubject.INITIAL_VOLUMES);
    long block = r.nextLong(ThinVolumeSubject.VOLUME_BLOCKS);
    int roll = r.nextInt(100);
    if (roll < 45) {
      return new VolumeOp.Write(v, block, false);
    } else if (roll < 65) {
      return new VolumeOp.Flush(v);
    } else if (roll < 73) {
      return new VolumeOp.Write(v, block, true);
    } else if (roll < 80) {
      return new VolumeOp.Snapshot(r.nextLong(IDS), v);
    } else if (roll < 87) {
      return new VolumeOp.Discard(v, block / ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK);
    } else if (roll < 91) {
      return new VolumeOp.Delete(r.nextLong(IDS));
    } else if (roll < 95) {
      return new VolumeOp.Create(r.nextLong(IDS));
    }
    return new VolumeOp.Tick();
  }

  /**
   * The exhaustive sweep's alphabet over the 2 initial volumes: partial writes of both halves of a
   * data block and of the other volume, a FUA, flushes, a snapshot, a discard and a tick.
   */
  public static List<VolumeOp> vocabulary() {
    return List.of(
        new VolumeOp.Write(0, 0, false),
        new VolumeOp.Write(0, 1, false),
        new VolumeOp.Write(1, 0, false),
        new VolumeOp.Write(0, 2, true),
        new VolumeOp.Flush(0),
        new VolumeOp.Flush(1),
        new VolumeOp.Snapshot(2, 0),
        new VolumeOp.Discard(0, 0),
        new VolumeOp.Tick());
  }
}
