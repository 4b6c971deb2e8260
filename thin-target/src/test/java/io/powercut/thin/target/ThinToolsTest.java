package io.powercut.thin.target;

import static io.powercut.thin.target.Rig.BLOCK;

import io.powercut.device.BlockDevice;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.tools.RealTools;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata the target leaves, at the kernel's default data block size, after random writes,
 * snapshots, discards and flushes: our strict checker and both generations of the real {@code
 * thin_check} pass it.
 */
@RequiresThinTools(
    value = {ToolsGeneration.V0_9, ToolsGeneration.V1_1},
    tools = {ThinTool.THIN_CHECK})
class ThinToolsTest {
  @TempDir Path dir;

  @PropertyTest(seeds = 6)
  void theMetadataTheTargetLeavesPassesThinCheck(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Rig rig = new Rig(PoolOptions.DEFAULT, 48);
    int k = PoolOptions.DEFAULT.blocksPerDataBlock();
    long volumeBlocks = 8L * k;
    rig.pool.createThin(0);
    int volumes = 1;
    ThinVolume v = rig.pool.openVolume(0, volumeBlocks);
    for (int i = 0; i < 40; i++) {
      int choice = r.nextInt(8);
      long block = r.nextLong(volumeBlocks);
      if (choice < 5) {
        v.write(block, Rig.random(r, 1));
      } else if (choice == 5 && volumes < 4) {
        rig.pool.createSnapshot(volumes++, v.id());
      } else if (choice == 6) {
        v.discard(block, r.nextLong(volumeBlocks - block + 1));
      } else {
        v.flush();
      }
    }
    rig.pool.close();
    SnapshotIsolationTest.assertClean(rig.metadata);
    Path image = dir.resolve("metadata.bin");
    save(rig.metadata, image);
    RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, image);
    RealTools.assertThinCheckPasses(ToolsGeneration.V1_1, image);
  }

  private static void save(BlockDevice device, Path file) throws IOException {
    byte[] b = new byte[BLOCK];
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(device.blockCount() * BLOCK);
      for (long i = 0; i < device.blockCount(); i++) {
        device.read(i, b);
        f.seek(i * BLOCK);
        f.write(b);
      }
    }
  }
}
