package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.assertProblem;
import static io.powercut.thin.check.Reports.check;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.thin.BlockTime;
import io.powercut.thin.DeviceDetails;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device and mapping rules: the ones thin_check 0.9.0 misses among them. */
class MappingCorruptionTest {
  private MemoryBlockDevice device;
  private ImageEditor image;

  @BeforeEach
  void setUp() throws IOException {
    device = TestPools.standard();
    image = new ImageEditor(device);
    Reports.assertClean(device, CheckOptions.DEFAULT);
  }

  /** The details leaf (the details tree of five devices is a single leaf) and a device's slot. */
  private int detailsSlot(long dev) throws IOException {
    byte[] d = image.read(image.superblock().deviceDetailsRoot());
    int i = BTreeNode.lowerBound(d, dev);
    if (i < 0 || BTreeNode.key(d, i) != dev) {
      throw new IllegalStateException("no details for " + dev);
    }
    return i;
  }

  @Test
  void deviceWithoutDetails() throws IOException {
    int slot = detailsSlot(TestPools.EMPTY);
    image.patchNode(image.superblock().deviceDetailsRoot(), d -> BTreeNode.deleteAt(d, slot));
    Problem p = assertProblem(check(device), Rule.DEVICE_SET, 0, Severity.FATAL);
    assertTrue(p.message().contains("device 2 has a mapping tree but no details"), p::toString);
  }

  @Test
  void deviceWithoutMappingTree() throws IOException {
    long emptyRoot = image.deviceRoot(TestPools.EMPTY);
    long top = image.superblock().dataMappingRoot();
    int slot = BTreeNode.lowerBound(image.read(top), TestPools.EMPTY);
    image.patchNode(top, d -> BTreeNode.deleteAt(d, slot));
    CheckReport r = check(device);
    Problem p = assertProblem(r, Rule.DEVICE_SET, 0, Severity.FATAL);
    assertTrue(p.message().contains("device 2 has details but no mapping tree"), p::toString);
    // Its empty leaf is now unreferenced: a leak.
    assertProblem(r, Rule.METADATA_COUNT, emptyRoot, Severity.NON_FATAL);
  }

  @Test
  void mappedBlocksDisagreeWithTheTree() throws IOException {
    long details = image.superblock().deviceDetailsRoot();
    int slot = detailsSlot(TestPools.ORIGIN);
    image.patchNode(
        details,
        d -> {
          int off = BTreeNode.valueOffset(d, slot);
          DeviceDetails dd = DeviceDetails.read(d, off);
          byte[] v = dd.withMappedBlocks(dd.mappedBlocks() + 1).toBytes();
          System.arraycopy(v, 0, d, off, v.length);
        });
    long root = image.deviceRoot(TestPools.ORIGIN);
    Problem p = assertProblem(check(device), Rule.MAPPED_BLOCKS, root, Severity.FATAL);
    assertTrue(p.message().contains("expected 1000 (mappings in its tree), got 1001"), p::toString);
  }

  @Test
  void mappingBeyondTheDataDevice() throws IOException {
    long leaf = image.deviceRoot(TestPools.SPARSE);
    image.patchNode(
        leaf, d -> BTreeNode.setValue64(d, 2, BlockTime.pack(TestPools.DATA_BLOCKS + 5, 0)));
    assertProblem(check(device), Rule.DATA_BLOCK_RANGE, leaf, Severity.FATAL);
  }

  @Test
  void mappingLaterThanTheSuperblock() throws IOException {
    long time = image.superblock().time();
    long leaf = image.deviceRoot(TestPools.SPARSE);
    image.patchNode(
        leaf,
        d -> {
          long v = BTreeNode.value64(d, 1);
          BTreeNode.setValue64(d, 1, BlockTime.pack(BlockTime.dataBlock(v), time + 1));
        });
    assertProblem(check(device), Rule.MAPPING_TIME, leaf, Severity.FATAL);
  }
}
