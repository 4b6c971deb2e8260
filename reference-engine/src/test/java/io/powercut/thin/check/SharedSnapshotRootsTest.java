package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.WITH_SNAPSHOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FileBlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.Superblock;
import io.powercut.thin.tools.RealTools;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live trees and the metadata snapshot's may share any node, the roots included: a device
 * created and deleted after the snapshot never reaches the details tree, so both superblocks name
 * one details root with a count of 2. The checker once walked a shared root's leaves only for the
 * first tree, found no details for the snapshot's devices and called the pool FATAL (a false alarm
 * of the default campaign, seed 1), while thin_check 0.9.0 and 1.1.0 accept it.
 */
class SharedSnapshotRootsTest {
  /** The shrunk false alarm: createThin(5), reserve, createThin(7), delete(7), close. */
  static MemoryBlockDevice sharedDetailsRoot() throws IOException {
    MemoryBlockDevice device = new MemoryBlockDevice(TestPools.METADATA_BLOCKS);
    try (PoolMetadata pool =
        PoolMetadata.create(device, new PoolMetadata.Format(128, TestPools.DATA_BLOCKS))) {
      pool.createThin(5);
      pool.reserveMetadataSnapshot();
      pool.createThin(7);
      pool.deleteDevice(7);
    }
    return device;
  }

  /** A snapshot taken of a committed pool that never changes again: every root is shared. */
  static MemoryBlockDevice everyRootShared() throws IOException {
    MemoryBlockDevice device = TestPools.standard();
    try (PoolMetadata pool = PoolMetadata.open(device)) {
      pool.reserveMetadataSnapshot();
    }
    return device;
  }

  private static Superblock snapshotOf(ImageEditor image) throws IOException {
    return Superblock.read(image.read(image.superblock().heldRoot()));
  }

  @Test
  void sharedDetailsRootChecksClean() throws IOException {
    MemoryBlockDevice device = sharedDetailsRoot();
    ImageEditor image = new ImageEditor(device);
    Superblock live = image.superblock();
    Superblock copy = snapshotOf(image);
    assertEquals(live.deviceDetailsRoot(), copy.deviceDetailsRoot(), "one details root");
    assertTrue(live.dataMappingRoot() != copy.dataMappingRoot(), "two mapping roots");
    assertEquals(2, image.metadataCount(live.deviceDetailsRoot()));
    CheckReport r = Reports.assertClean(device, CheckOptions.DEFAULT);
    assertEquals(1, r.devices());
    Reports.assertClean(device, WITH_SNAPSHOT);
  }

  @Test
  void everyRootSharedChecksClean() throws IOException {
    MemoryBlockDevice device = everyRootShared();
    ImageEditor image = new ImageEditor(device);
    Superblock live = image.superblock();
    Superblock copy = snapshotOf(image);
    assertEquals(live.deviceDetailsRoot(), copy.deviceDetailsRoot());
    assertEquals(live.dataMappingRoot(), copy.dataMappingRoot());
    CheckReport r = Reports.assertClean(device, CheckOptions.DEFAULT);
    assertEquals(5, r.devices());
    // Device roots are reached through the one shared top-level node: counted once, not twice.
    Reports.assertClean(device, WITH_SNAPSHOT);
  }

  /** Sharing must not hide damage: the snapshot's own top-level leaf loses its only device. */
  @Test
  void sharedDetailsWithAMissingMappingTreeIsFatal() throws IOException {
    MemoryBlockDevice device = sharedDetailsRoot();
    ImageEditor image = new ImageEditor(device);
    long top = snapshotOf(image).dataMappingRoot();
    image.patchNode(top, d -> BTreeNode.setNrEntries(d, 0));
    CheckReport plain = Reports.check(device);
    Reports.assertProblem(
        plain, Rule.SNAPSHOT_TREES, image.superblock().heldRoot(), Severity.FATAL);
    CheckReport withM = MetadataChecker.check(device, WITH_SNAPSHOT);
    assertTrue(
        Reports.problems(withM, Rule.DEVICE_SET).stream()
            .anyMatch(p -> p.message().contains("device 5 has details but no mapping tree")),
        withM::toString);
  }

  /** Sharing must not hide damage: a shared device root whose count says one owner, not two. */
  @Test
  void sharedRootCountedOnceIsReported() throws IOException {
    MemoryBlockDevice device = sharedDetailsRoot();
    ImageEditor image = new ImageEditor(device);
    long details = image.superblock().deviceDetailsRoot();
    image.setMetadataCount(details, 1);
    CheckReport r = Reports.check(device);
    assertFalse(r.clean(), r::toString);
    assertTrue(
        r.problems().stream()
            .anyMatch(p -> p.block() == details || p.message().contains("" + details)),
        r::toString);
  }

  @Test
  @RequiresThinTools(
      value = ToolsGeneration.V0_9,
      tools = {ThinTool.THIN_CHECK})
  void theRealThinCheckAgrees(@TempDir Path dir) throws IOException {
    for (MemoryBlockDevice device :
        new MemoryBlockDevice[] {sharedDetailsRoot(), everyRootShared()}) {
      Path file = dir.resolve("pool.img");
      FileBlockDevice.save(device, file);
      RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, file);
      RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, file, "-m");
      Files.delete(file);
    }
  }
}
