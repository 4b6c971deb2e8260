package io.powercut.checker.kv;

import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded workloads for the store: puts over a few keys, a sync one time in four. */
public final class KvWorkloads implements WorkloadGenerator<KvOp> {
  private final int keys;

  public KvWorkloads(int keys) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be at least 1, got " + keys);
    }
    this.keys = keys;
  }

  @Override
  public List<KvOp> generate(long seed, int length) {
    SplittableRandom r = new SplittableRandom(seed);
    List<KvOp> ops = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      ops.add(r.nextInt(4) == 0 ? new KvOp.Sync() : new KvOp.Put(r.nextInt(keys), r.nextInt(100)));
    }
    return ops;
  }

  /** The operations of an exhaustive sweep: a put to each of two keys, and a sync. */
  public static List<KvOp> vocabulary() {
    return List.of(new KvOp.Put(0, 1), new KvOp.Put(1, 2), new KvOp.Sync());
  }
}
