package io.powercut.thin.check;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.NoSpaceException;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.PoolOperationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random workload on our engine: devices, snapshots sharing blocks, inserts, removals,
 * deletes, a held metadata snapshot, commits, aborts and reopens. Between any two steps the device
 * holds the last commit, which must check clean.
 */
final class PoolWorkload {
  /** Called between steps with the device as it is now. */
  interface Probe {
    void at(int step, MemoryBlockDevice device) throws IOException;
  }

  private final SplittableRandom rng;
  private final MemoryBlockDevice device;
  private final Bugs bugs;
  private final int cacheBlocks;
  private final long virtualSpan;
  private PoolMetadata pool;
  private long nextDev;

  PoolWorkload(long seed, Bugs bugs) throws IOException {
    this.rng = new SplittableRandom(seed);
    this.bugs = bugs;
    this.device = new MemoryBlockDevice(rng.nextInt(1024, 4096));
    this.cacheBlocks = rng.nextBoolean() ? 16 : 4096;
    // Dense spans make full leaves and splits; sparse ones make huge keys.
    this.virtualSpan = rng.nextBoolean() ? 3000 : 1L << 40;
    long dataBlocks = rng.nextLong(500, 40_000);
    this.pool =
        PoolMetadata.create(device, new PoolMetadata.Format(128, dataBlocks), bugs, cacheBlocks);
  }

  MemoryBlockDevice device() {
    return device;
  }

  /** Runs {@code steps} random operations, probing between them; ends with a commit. */
  void run(int steps, Probe probe) throws IOException {
    for (int step = 0; step < steps; step++) {
      try {
        step();
      } catch (PoolOperationException | NoSpaceException e) {
        // A refused request changes nothing, but a data block allocated for it would leak.
        pool.abort();
      }
      if (probe != null && rng.nextInt(8) == 0) {
        probe.at(step, device);
      }
    }
    pool.commit();
    pool.close();
  }

  private void step() throws IOException {
    List<Long> devs = pool.devices();
    int op = rng.nextInt(100);
    if (devs.isEmpty() || op < 6) {
      pool.createThin(nextDev++);
    } else if (op < 50) {
      long dev = pick(devs);
      int n = rng.nextInt(1, 40);
      long start = rng.nextLong(virtualSpan);
      for (int i = 0; i < n; i++) {
        long b = pool.allocDataBlock();
        pool.insertBlock(dev, start + (rng.nextInt(4) == 0 ? rng.nextLong(virtualSpan) : i), b);
      }
    } else if (op < 65) {
      long dev = pick(devs);
      long top = pool.highestMappedBlock(dev);
      int n = rng.nextInt(1, 60);
      for (int i = 0; i < n && top >= 0; i++) {
        pool.removeBlock(dev, rng.nextLong(top + 1));
      }
    } else if (op < 72) {
      pool.createSnapshot(nextDev++, pick(devs));
    } else if (op < 75) {
      pool.deleteDevice(pick(devs));
    } else if (op < 87) {
      pool.commit();
    } else if (op < 89) {
      pool.abort();
    } else if (op < 91) {
      pool.commit();
      pool.close();
      pool = PoolMetadata.open(device, bugs, cacheBlocks);
    } else if (op < 95) {
      if (pool.metadataSnapshot() == 0) {
        pool.reserveMetadataSnapshot();
      } else {
        pool.releaseMetadataSnapshot();
      }
    } else if (op < 98) {
      long t = pool.transactionId();
      pool.setTransactionId(t, t + 1);
    } else {
      pool.resizeDataDevice(pool.dataDeviceSize() + rng.nextInt(1, 20_000));
    }
  }

  private long pick(List<Long> devs) {
    return devs.get(rng.nextInt(devs.size()));
  }

  static List<Long> ids(List<Long> devs) {
    return new ArrayList<>(devs);
  }
}
