package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.assertProblem;
import static io.powercut.thin.check.Reports.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.Superblock;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each superblock rule, broken by patching one field and re-stamping the checksum. */
class SuperblockCorruptionTest {
  private MemoryBlockDevice device;
  private ImageEditor image;

  @BeforeEach
  void setUp() throws IOException {
    device = TestPools.standard();
    image = new ImageEditor(device);
    Reports.assertClean(device, CheckOptions.DEFAULT);
  }

  private CheckReport patched(String field, Object value) throws IOException {
    image.patchSuperblock(sb -> SuperblockPatch.with(sb, field, value));
    return check(device);
  }

  @Test
  void badChecksumStopsTheCheck() throws IOException {
    image.scribble(0, 300);
    CheckReport r = check(device);
    assertProblem(r, Rule.CHECKSUM, 0, Severity.FATAL);
    assertEquals(1, r.problems().size(), r::toString);
  }

  @Test
  void blocknrMustBeZero() throws IOException {
    assertProblem(patched("blocknr", 5L), Rule.BLOCKNR, 0, Severity.FATAL);
  }

  @Test
  void magic() throws IOException {
    assertProblem(patched("magic", Superblock.MAGIC + 1), Rule.MAGIC, 0, Severity.FATAL);
  }

  @Test
  void versionAboveTwo() throws IOException {
    assertProblem(patched("version", 3L), Rule.VERSION, 0, Severity.FATAL);
  }

  @Test
  void versionZero() throws IOException {
    assertProblem(patched("version", 0L), Rule.VERSION, 0, Severity.FATAL);
  }

  @Test
  void versionOneIsAccepted() throws IOException {
    image.patchSuperblock(sb -> SuperblockPatch.with(sb, "version", 1L));
    Reports.assertClean(device, CheckOptions.DEFAULT);
  }

  @Test
  void metadataBlockSize() throws IOException {
    assertProblem(patched("metadataBlockSize", 16L), Rule.METADATA_BLOCK_SIZE, 0, Severity.FATAL);
  }

  @Test
  void dataBlockSize() throws IOException {
    assertProblem(patched("dataBlockSize", 0L), Rule.DATA_BLOCK_SIZE, 0, Severity.FATAL);
  }

  @Test
  void incompatFlags() throws IOException {
    assertProblem(patched("incompatFlags", 1L), Rule.FEATURE_FLAGS, 0, Severity.FATAL);
  }

  @Test
  void compatRoFlags() throws IOException {
    assertProblem(patched("compatRoFlags", 4L), Rule.FEATURE_FLAGS, 0, Severity.FATAL);
  }

  @Test
  void metadataSpaceMapLargerThanTheDevice() throws IOException {
    SpaceMapRoot m = image.superblock().metadataSpaceMapRoot();
    CheckReport r =
        patched(
            "metadataSpaceMapRoot",
            new SpaceMapRoot(
                TestPools.METADATA_BLOCKS + 1, m.nrAllocated(), m.bitmapRoot(), m.refCountRoot()));
    assertProblem(r, Rule.SPACE_MAP_SIZE, 0, Severity.FATAL);
  }

  @Test
  void dataSpaceMapBeyondTheBlockTimeRange() throws IOException {
    SpaceMapRoot d = image.superblock().dataSpaceMapRoot();
    CheckReport r =
        patched(
            "dataSpaceMapRoot",
            new SpaceMapRoot(1L << 41, d.nrAllocated(), d.bitmapRoot(), d.refCountRoot()));
    assertProblem(r, Rule.SPACE_MAP_SIZE, 0, Severity.FATAL);
  }

  @Test
  void detailsRootBeyondTheDevice() throws IOException {
    CheckReport r = patched("deviceDetailsRoot", TestPools.METADATA_BLOCKS + 7);
    assertProblem(r, Rule.BLOCK_RANGE, TestPools.METADATA_BLOCKS + 7, Severity.FATAL);
  }

  @Test
  void mappingRootZero() throws IOException {
    assertProblem(patched("dataMappingRoot", 0L), Rule.BLOCK_RANGE, 0, Severity.FATAL);
  }

  @Test
  void spaceMapRootsBeyondTheDevice() throws IOException {
    SpaceMapRoot d = image.superblock().dataSpaceMapRoot();
    CheckReport r =
        patched(
            "dataSpaceMapRoot",
            new SpaceMapRoot(d.nrBlocks(), d.nrAllocated(), d.bitmapRoot(), -1L));
    assertProblem(r, Rule.BLOCK_RANGE, -1L, Severity.FATAL);
  }

  @Test
  void superblockOnlyLooksAtNothingElse() throws IOException {
    long leaf = image.leaves(image.deviceRoot(TestPools.ORIGIN)).get(1);
    image.scribble(leaf, 1000);
    Reports.assertClean(device, new CheckOptions(false, true, false));
    CheckReport r = patched("magic", 1L);
    assertProblem(r, Rule.MAGIC, 0, Severity.FATAL);
    CheckReport only = MetadataChecker.check(device, new CheckOptions(false, true, false));
    assertEquals(1, only.problems().size(), only::toString);
    assertEquals(7, only.transactionId());
  }
}
