package io.powercut.thin.xml;

import io.powercut.device.FileBlockDevice;
import io.powercut.thin.PoolMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pools written by the engine's own operations: thin devices, snapshots of them (sharing their
 * subtrees until written), deletions, removals, commits, and a metadata snapshot reserved half-way
 * (released again at random).
 */
public final class EnginePools {
  private EnginePools() {}

  /** Writes a random pool to {@code image}; returns whether a metadata snapshot is held. */
  static boolean write(Path image, SplittableRandom r) throws IOException {
    try (FileBlockDevice device = FileBlockDevice.create(image, 2048);
        PoolMetadata pool = PoolMetadata.create(device, new PoolMetadata.Format(128, 4000))) {
      return play(pool, r, 400);
    }
  }

  /**
   * Runs {@code ops} random operations on {@code pool} (a metadata snapshot reserved at half-way,
   * released again at three quarters or not) and commits; returns whether a snapshot is held.
   */
  public static boolean play(PoolMetadata pool, SplittableRandom r, int ops) throws IOException {
    if (ops < 4) {
      throw new IllegalArgumentException("too few operations for a snapshot: " + ops);
    }
    List<Long> devs = new ArrayList<>();
    for (int op = 0; op < ops; op++) {
      int kind = r.nextInt(20);
      if (devs.isEmpty() || kind == 0) {
        long id = r.nextInt(50);
        if (!pool.deviceExists(id)) {
          pool.createThin(id);
          devs.add(id);
        }
      } else if (kind == 1) {
        long id = 100 + r.nextInt(50);
        if (!pool.deviceExists(id)) {
          pool.createSnapshot(id, devs.get(r.nextInt(devs.size())));
          devs.add(id);
        }
      } else if (kind == 2 && devs.size() > 1) {
        pool.deleteDevice(devs.remove(r.nextInt(devs.size())));
      } else if (kind < 6) {
        pool.removeBlock(devs.get(r.nextInt(devs.size())), r.nextInt(300));
      } else if (kind == 6) {
        pool.commit();
      } else {
        pool.insertBlock(devs.get(r.nextInt(devs.size())), r.nextInt(300), pool.allocDataBlock());
      }
      if (op == ops / 2) {
        pool.reserveMetadataSnapshot();
      }
      if (op == ops / 4 * 3 && r.nextBoolean()) {
        pool.releaseMetadataSnapshot();
      }
    }
    pool.commit();
    return pool.metadataSnapshot() != 0;
  }
}
