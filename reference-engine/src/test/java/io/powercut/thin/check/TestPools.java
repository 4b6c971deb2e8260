package io.powercut.thin.check;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.PoolMetadata;
import java.io.IOException;

/**
 * Small fixed pools written by our engine, shaped to reach every structure the checker reads:
 * multi-level device trees, snapshots sharing whole subtrees and single leaves, data blocks with
 * counts of 3 and more (the overflow tree), an empty device, sparse keys, a partial last bitmap.
 */
final class TestPools {
  static final long METADATA_BLOCKS = 2048;
  static final long DATA_BLOCKS = 20_000;

  /** The origin, with 1000 dense mappings (several leaves under an internal root). */
  static final long ORIGIN = 0;

  /** A snapshot of the origin that wrote into one shared leaf. */
  static final long SNAP = 1;

  static final long EMPTY = 2;

  /** A device with a few mappings at huge virtual blocks. */
  static final long SPARSE = 3;

  /** A second snapshot of the origin; leaves it shares with two others hold count-3 data blocks. */
  static final long SNAP2 = 4;

  private TestPools() {}

  /** The pool, committed and closed. */
  static MemoryBlockDevice standard() throws IOException {
    MemoryBlockDevice device = new MemoryBlockDevice(METADATA_BLOCKS);
    try (PoolMetadata pool =
        PoolMetadata.create(device, new PoolMetadata.Format(128, DATA_BLOCKS))) {
      build(pool);
    }
    return device;
  }

  /**
   * The pool with a held metadata snapshot, taken before further changes, so the snapshot owns
   * nodes of its own and shares others with the live trees.
   */
  static MemoryBlockDevice withMetadataSnapshot() throws IOException {
    MemoryBlockDevice device = new MemoryBlockDevice(METADATA_BLOCKS);
    try (PoolMetadata pool =
        PoolMetadata.create(device, new PoolMetadata.Format(128, DATA_BLOCKS))) {
      build(pool);
      pool.reserveMetadataSnapshot();
      map(pool, ORIGIN, 2000, 300);
      for (long v = 0; v < 200; v += 3) {
        pool.removeBlock(ORIGIN, v);
      }
      pool.deleteDevice(SPARSE);
      pool.commit();
    }
    return device;
  }

  private static void build(PoolMetadata pool) throws IOException {
    pool.createThin(ORIGIN);
    map(pool, ORIGIN, 0, 1000);
    pool.commit();
    pool.createSnapshot(SNAP, ORIGIN);
    pool.createSnapshot(SNAP2, ORIGIN);
    // Each write copies the shared leaf holding block 10, so its data blocks reach count 3.
    map(pool, SNAP, 10, 1);
    map(pool, SNAP2, 11, 1);
    pool.createThin(EMPTY);
    pool.createThin(SPARSE);
    for (long i = 0; i < 5; i++) {
      map(pool, SPARSE, (1L << 40) + i * 1_000_003L, 1);
    }
    pool.setTransactionId(0, 7);
    pool.commit();
  }

  private static void map(PoolMetadata pool, long dev, long from, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      pool.insertBlock(dev, from + i, pool.allocDataBlock());
    }
  }
}
