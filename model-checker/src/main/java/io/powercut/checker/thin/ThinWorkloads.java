package io.powercut.checker.thin;

import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seeded dm-thin workloads: weighted operations whose arguments are chosen from a rough shadow of
 * the pool so that most steps are valid (writes to existing devices, snapshots of existing origins,
 * the right transaction id), with deliberately invalid steps mixed in, which the engine must refuse
 * without changing anything. After a third of the steps comes a question ({@link ThinQuestions}: a
 * query of the pool, or opening or closing a thin device), drawn from a second random stream so
 * that the steps are those of the same seed without questions.
 */
public final class ThinWorkloads implements WorkloadGenerator<ThinOp> {
  private final int maxDevices;
  private final int virtualBlocks;
  private final long dataBlocks;
  private final int bulkPercent;

  /** Bulk sizes around the node capacities (a mapping leaf holds 252), where trees change shape. */
  private static final int[] BULK_SIZES = {84, 126, 168, 251, 252, 253, 300, 420, 504};

  /**
   * @param maxDevices device ids are drawn from [0, maxDevices)
   * @param virtualBlocks virtual blocks are drawn from [0, virtualBlocks): small spaces make
   *     overwrites and sharing common
   * @param dataBlocks the data device size of the subject, for resizes
   */
  public ThinWorkloads(int maxDevices, int virtualBlocks, long dataBlocks) {
    this(maxDevices, virtualBlocks, dataBlocks, 0);
  }

  private ThinWorkloads(int maxDevices, int virtualBlocks, long dataBlocks, int bulkPercent) {
    this.maxDevices = maxDevices;
    this.virtualBlocks = virtualBlocks;
    this.dataBlocks = dataBlocks;
    this.bulkPercent = bulkPercent;
  }

  /**
   * Workloads in which {@code percent}% of the steps are bulk: hundreds of writes filling a range
   * (the sizes around a node's capacity, then often a new lowest block), or discards emptying one,
   * so trees grow several levels deep and rebalance as they shrink.
   */
  public ThinWorkloads withBulk(int percent) {
    return new ThinWorkloads(maxDevices, virtualBlocks, dataBlocks, percent);
  }

  /**
   * A small vocabulary for bounded exhaustive runs: two devices (one a snapshot of the other), a
   * couple of blocks, and every kind of transaction step.
   */
  public static List<ThinOp> vocabulary() {
    List<ThinOp> v =
        new ArrayList<>(
            List.of(
                new ThinOp.CreateThin(0),
                new ThinOp.CreateSnap(1, 0),
                new ThinOp.Delete(0),
                new ThinOp.Write(0, 0),
                new ThinOp.Write(0, 1),
                new ThinOp.Write(1, 0),
                new ThinOp.Remove(0, 0),
                new ThinOp.Commit(),
                new ThinOp.Abort(),
                new ThinOp.SetTransactionId(0, 1),
                new ThinOp.ReserveSnap(),
                new ThinOp.ReleaseSnap(),
                new ThinOp.Reopen(),
                new ThinOp.Alloc(),
                new ThinOp.Resize(1 << 14),
                new ThinOp.OpenThin(0),
                new ThinOp.CloseThin(0)));
    v.addAll(ThinQuestions.VOCABULARY);
    return List.copyOf(v);
  }

  /** The rough shadow: enough to pick arguments, not to judge outcomes. */
  private static final class Shadow {
    TreeMap<Long, TreeSet<Long>> devices = new TreeMap<>();
    long transactionId;
    boolean snapshot;
    long dataBlocks;

    Shadow copy() {
      Shadow s = new Shadow();
      devices.forEach((k, v) -> s.devices.put(k, new TreeSet<>(v)));
      s.transactionId = transactionId;
      s.snapshot = snapshot;
      s.dataBlocks = dataBlocks;
      return s;
    }
  }

  @Override
  public List<ThinOp> generate(long seed, int length) {
    SplittableRandom r = new SplittableRandom(seed);
    ThinQuestions questions = new ThinQuestions(seed, maxDevices, virtualBlocks);
    Shadow pending = new Shadow();
    pending.dataBlocks = dataBlocks;
    Shadow committed = pending.copy();
    List<ThinOp> ops = new ArrayList<>(length);
    for (int step = 0; step < length; step++) {
      if (r.nextInt(100) < bulkPercent && !pending.devices.isEmpty()) {
        bulk(r, pending, ops);
        continue;
      }
      boolean invalid = r.nextInt(12) == 0;
      ThinOp op = next(r, pending, invalid);
      questions.before(op, invalid, ops);
      ops.add(op);
      questions.after(op, pending.devices.navigableKeySet(), ops);
      if (op instanceof ThinOp.Commit
          || op instanceof ThinOp.Reopen
          || op instanceof ThinOp.ReserveSnap
          || op instanceof ThinOp.ReleaseSnap) {
        committed = pending.copy();
      } else if (op instanceof ThinOp.Abort) {
        pending = committed.copy();
      }
    }
    return ops;
  }

  private ThinOp next(SplittableRandom r, Shadow s, boolean invalid) {
    if (s.devices.isEmpty() && !invalid) {
      long dev = r.nextInt(maxDevices);
      s.devices.put(dev, new TreeSet<>());
      return new ThinOp.CreateThin(dev);
    }
    int w = r.nextInt(100);
    if (w < 34) {
      long dev = existing(r, s, invalid);
      long vb = r.nextInt(virtualBlocks);
      if (s.devices.containsKey(dev)) {
        s.devices.get(dev).add(vb);
      }
      return new ThinOp.Write(dev, vb);
    } else if (w < 44) {
      long dev = existing(r, s, invalid);
      TreeSet<Long> mapped = s.devices.get(dev);
      long vb =
          mapped == null || mapped.isEmpty() || invalid
              ? r.nextInt(virtualBlocks)
              : pick(r, mapped);
      if (mapped != null) {
        mapped.remove(vb);
      }
      return new ThinOp.Remove(dev, vb);
    } else if (w < 50) {
      return new ThinOp.Lookup(existing(r, s, invalid), r.nextInt(virtualBlocks));
    } else if (w < 56) {
      long dev = invalid ? existing(r, s, false) : fresh(r, s);
      if (dev >= 0 && !invalid) {
        s.devices.put(dev, new TreeSet<>());
      }
      return new ThinOp.CreateThin(Math.max(dev, 0));
    } else if (w < 62) {
      long origin = existing(r, s, invalid);
      long dev = fresh(r, s);
      if (dev < 0) {
        return new ThinOp.Commit();
      }
      if (s.devices.containsKey(origin)) {
        s.devices.put(dev, new TreeSet<>(s.devices.get(origin)));
      }
      return new ThinOp.CreateSnap(dev, origin);
    } else if (w < 66) {
      long dev = existing(r, s, invalid);
      s.devices.remove(dev);
      return new ThinOp.Delete(dev);
    } else if (w < 78) {
      return new ThinOp.Commit();
    } else if (w < 81) {
      return new ThinOp.Abort();
    } else if (w < 84) {
      return new ThinOp.Alloc();
    } else if (w < 87) {
      long current = invalid ? s.transactionId + 1 + r.nextInt(3) : s.transactionId;
      long next = s.transactionId + 1 + r.nextInt(5);
      if (!invalid) {
        s.transactionId = next;
      }
      return new ThinOp.SetTransactionId(current, next);
    } else if (w < 91) {
      boolean reserve = invalid == s.snapshot;
      if (!invalid) {
        s.snapshot = !s.snapshot;
      }
      return reserve ? new ThinOp.ReserveSnap() : new ThinOp.ReleaseSnap();
    } else if (w < 94) {
      long size =
          invalid ? Math.max(0, s.dataBlocks - 1 - r.nextInt(8)) : s.dataBlocks + r.nextInt(64);
      if (!invalid) {
        s.dataBlocks = size;
      }
      return new ThinOp.Resize(size);
    } else {
      return new ThinOp.Reopen();
    }
  }

  private void bulk(SplittableRandom r, Shadow s, List<ThinOp> ops) {
    long dev = pick(r, s.devices.navigableKeySet());
    TreeSet<Long> mapped = s.devices.get(dev);
    if (mapped.size() > 100 && r.nextBoolean()) {
      // Discard a stretch of mapped blocks, in order or scattered.
      List<Long> victims = new ArrayList<>(mapped);
      // Often from the lowest block: edge leaves then shrink until they must merge.
      int from = r.nextBoolean() ? 0 : r.nextInt(victims.size());
      int n = Math.min(victims.size() - from, BULK_SIZES[r.nextInt(BULK_SIZES.length)]);
      List<Long> chosen = new ArrayList<>(victims.subList(from, from + n));
      if (r.nextBoolean()) {
        java.util.Collections.shuffle(chosen, new java.util.Random(r.nextLong()));
      }
      for (long vb : chosen) {
        mapped.remove(vb);
        ops.add(new ThinOp.Remove(dev, vb));
      }
      return;
    }
    int n = Math.min(virtualBlocks - 1, BULK_SIZES[r.nextInt(BULK_SIZES.length)]);
    long start = 1 + r.nextInt(Math.max(1, virtualBlocks - n - 1));
    for (long vb = start; vb < start + n; vb++) {
      mapped.add(vb);
      ops.add(new ThinOp.Write(dev, vb));
    }
    if (r.nextBoolean()) {
      // A new lowest block right after the fill: the insert that splits a full root.
      long low = r.nextLong(start);
      mapped.add(low);
      ops.add(new ThinOp.Write(dev, low));
    }
  }

  /** An existing device, or (when {@code invalid}) one that does not exist if there is one. */
  private long existing(SplittableRandom r, Shadow s, boolean invalid) {
    if (invalid || s.devices.isEmpty()) {
      long f = fresh(r, s);
      return f >= 0 ? f : r.nextInt(maxDevices);
    }
    return pick(r, s.devices.navigableKeySet());
  }

  /** A device id not in use, or -1 if all are. */
  private long fresh(SplittableRandom r, Shadow s) {
    if (s.devices.size() >= maxDevices) {
      return -1;
    }
    long dev;
    do {
      dev = r.nextInt(maxDevices);
    } while (s.devices.containsKey(dev));
    return dev;
  }

  private static long pick(SplittableRandom r, java.util.NavigableSet<Long> set) {
    int i = r.nextInt(set.size());
    for (long v : set) {
      if (i-- == 0) {
        return v;
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
