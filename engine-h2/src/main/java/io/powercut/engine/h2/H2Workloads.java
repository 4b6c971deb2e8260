package io.powercut.engine.h2;

import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded workloads for the store: puts (one in four of several KiB, so pages split and chunks fill)
 * and removes over a few keys of every map, with commits, syncs, compactions and reopens among
 * them. A generator without compaction makes commits where the compactions would have been, so a
 * campaign can look at the commit path alone (a crash in a chunk move is a bug class of its own).
 */
public final class H2Workloads implements WorkloadGenerator<H2Op> {
  /** Length of a large value: more than a page split size, so a value fills pages on its own. */
  public static final int LARGE = 5000;

  private final int keys;
  private final boolean compaction;

  public H2Workloads(int keys) {
    this(keys, true);
  }

  private H2Workloads(int keys, boolean compaction) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys: expected at least 1, got " + keys);
    }
    this.keys = keys;
    this.compaction = compaction;
  }

  /** The same workloads with a commit in place of every compaction. */
  public H2Workloads withoutCompaction() {
    return new H2Workloads(keys, false);
  }

  @Override
  public List<H2Op> generate(long seed, int length) {
    SplittableRandom r = new SplittableRandom(seed);
    List<H2Op> ops = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      ops.add(next(r, i));
    }
    return ops;
  }

  private H2Op next(SplittableRandom r, int stamp) {
    int roll = r.nextInt(100);
    int map = r.nextInt(H2Subject.MAPS);
    long key = r.nextInt(keys);
    if (roll < 50) {
      int length =
          r.nextInt(4) == 0 ? LARGE + r.nextInt(LARGE) : StampedValue.MIN_LENGTH + r.nextInt(24);
      return new H2Op.Put(map, key, new StampedValue(stamp, length));
    }
    if (roll < 60) {
      return new H2Op.Remove(map, key);
    }
    if (roll < 80) {
      return new H2Op.Commit();
    }
    if (roll < 90) {
      return new H2Op.Sync();
    }
    if (roll < 95) {
      return compaction ? new H2Op.Compact() : new H2Op.Commit();
    }
    return new H2Op.Reopen();
  }

  /**
   * The operations of an exhaustive sweep: a small and a large put, a remove, and one of each store
   * operation.
   */
  public static List<H2Op> vocabulary() {
    return List.of(
        new H2Op.Put(0, 0, new StampedValue(1, 16)),
        new H2Op.Put(1, 0, new StampedValue(2, LARGE)),
        new H2Op.Remove(0, 0),
        new H2Op.Commit(),
        new H2Op.Sync(),
        new H2Op.Compact(),
        new H2Op.Reopen());
  }
}
