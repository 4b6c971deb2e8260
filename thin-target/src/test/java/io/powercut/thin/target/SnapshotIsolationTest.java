package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Random writes, discards, snapshots, flushes and ticks over several volumes, against a model of
 * each volume's content: every volume reads exactly its model, snapshots keep their content at
 * creation whatever the origin does and the reverse, the metadata checks clean, and a power loss
 * after the pool closed loses nothing.
 */
class SnapshotIsolationTest {
  static final int VOLUME_BLOCKS = 16;
  static final int MAX_VOLUMES = 5;

  @PropertyTest(seeds = 40)
  void everyVolumeReadsItsModel(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    PoolOptions options =
        Rig.small()
            .withDataBlockSize(BLOCK * (1 + r.nextInt(4)))
            .withSkipBlockZeroing(false)
            .withDiscardPassdown(r.nextBoolean())
            .withCommitPeriodTicks(1 + r.nextInt(3));
    Rig rig = new Rig(options, 64);
    Map<Long, byte[][]> model = new TreeMap<>();
    Map<Long, ThinVolume> volumes = new TreeMap<>();
    rig.pool.createThin(0);
    volumes.put(0L, rig.pool.openVolume(0, VOLUME_BLOCKS));
    model.put(0L, new byte[VOLUME_BLOCKS][BLOCK]);
    int k = options.blocksPerDataBlock();
    int ops = 10 + r.nextInt(50);
    for (int i = 0; i < ops; i++) {
      List<Long> ids = new ArrayList<>(volumes.keySet());
      long id = ids.get(r.nextInt(ids.size()));
      ThinVolume v = volumes.get(id);
      byte[][] content = model.get(id);
      int choice = r.nextInt(10);
      if (choice < 5) {
        int first = r.nextInt(VOLUME_BLOCKS);
        int n = 1 + r.nextInt(Math.min(2 * k, VOLUME_BLOCKS - first));
        byte[] src = Rig.random(r, n);
        v.writeBlocks(first, src, r.nextInt(4) == 0);
        for (int b = 0; b < n; b++) {
          content[first + b] = Arrays.copyOfRange(src, b * BLOCK, (b + 1) * BLOCK);
        }
      } else if (choice == 5) {
        int first = r.nextInt(VOLUME_BLOCKS);
        int n = r.nextInt(VOLUME_BLOCKS - first + 1);
        v.discard(first, n);
        // Only the whole data blocks in the range are unmapped, and then read zeros.
        for (long vb = (first + k - 1) / k; vb < (first + n) / k; vb++) {
          for (long b = vb * k; b < (vb + 1) * k; b++) {
            content[(int) b] = new byte[BLOCK];
          }
        }
      } else if (choice == 6 && volumes.size() < MAX_VOLUMES) {
        long snap = volumes.size();
        rig.pool.createSnapshot(snap, id);
        volumes.put(snap, rig.pool.openVolume(snap, VOLUME_BLOCKS));
        byte[][] copy = new byte[VOLUME_BLOCKS][];
        for (int b = 0; b < VOLUME_BLOCKS; b++) {
          copy[b] = content[b].clone();
        }
        model.put(snap, copy);
      } else if (choice == 7) {
        v.flush();
      } else {
        rig.pool.tick();
      }
    }
    assertMatches(volumes, model);
    rig.pool.close();
    assertClean(rig.metadata);
    ThinPool after = rig.afterPowerLoss();
    Map<Long, ThinVolume> reopened = new TreeMap<>();
    for (long id : model.keySet()) {
      reopened.put(id, after.openVolume(id, VOLUME_BLOCKS));
    }
    assertMatches(reopened, model);
    after.close();
  }

  static void assertClean(BlockDevice metadata) throws IOException {
    CheckReport report = MetadataChecker.check(metadata, CheckOptions.DEFAULT);
    assertTrue(report.clean(), () -> "metadata check: " + report.problems());
  }

  private static void assertMatches(Map<Long, ThinVolume> volumes, Map<Long, byte[][]> model)
      throws IOException {
    for (var e : model.entrySet()) {
      ThinVolume v = volumes.get(e.getKey());
      for (int b = 0; b < VOLUME_BLOCKS; b++) {
        assertArrayEquals(e.getValue()[b], Rig.read(v, b), "volume " + e.getKey() + " block " + b);
      }
    }
  }
}
