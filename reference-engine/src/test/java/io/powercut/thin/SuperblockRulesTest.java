package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.SuperblockRules.Kind;
import io.powercut.thin.SuperblockRules.Violation;
import io.powercut.thin.check.SuperblockPatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one superblock rule set: which rule each broken field breaks, for whom, and its message. */
class SuperblockRulesTest {
  private static final long DEVICE = 4096;

  /** A good block 0 on a device of {@link #DEVICE} blocks. */
  private static final Superblock GOOD = LayoutTest.sample();

  /** A good metadata snapshot copy at block 77. */
  private static final Superblock COPY =
      SuperblockPatch.with(
          SuperblockPatch.with(
              SuperblockPatch.with(GOOD, "blocknr", 77L), "dataSpaceMapRoot", SpaceMapRoot.ZERO),
          "metadataSpaceMapRoot",
          SpaceMapRoot.ZERO);

  private static Superblock with(String field, Object value) {
    return SuperblockPatch.with(GOOD, field, value);
  }

  private static List<Kind> kinds(List<Violation> vs) {
    return vs.stream().map(Violation::kind).toList();
  }

  @Test
  void goodSuperblocksBreakNothing() {
    assertEquals(List.of(), SuperblockRules.block0(GOOD, DEVICE));
    assertEquals(List.of(), SuperblockRules.readable(0, GOOD));
    assertEquals(List.of(), SuperblockRules.snapshotCopy(77, COPY));
    assertEquals(List.of(), SuperblockRules.readable(77, COPY));
    assertEquals(List.of(), SuperblockRules.block0(with("version", 1L), DEVICE));
  }

  @Test
  void eachBrokenFieldBreaksItsOwnRule() {
    assertEquals(List.of(Kind.BLOCKNR), kinds(SuperblockRules.block0(with("blocknr", 3L), DEVICE)));
    assertEquals(List.of(Kind.MAGIC), kinds(SuperblockRules.block0(with("magic", 42L), DEVICE)));
    assertEquals(List.of(Kind.VERSION), kinds(SuperblockRules.block0(with("version", 3L), DEVICE)));
    assertEquals(List.of(Kind.VERSION), kinds(SuperblockRules.block0(with("version", 0L), DEVICE)));
    assertEquals(
        List.of(Kind.METADATA_BLOCK_SIZE),
        kinds(SuperblockRules.block0(with("metadataBlockSize", 16L), DEVICE)));
    assertEquals(
        List.of(Kind.DATA_BLOCK_SIZE),
        kinds(SuperblockRules.block0(with("dataBlockSize", 0L), DEVICE)));
    assertEquals(
        List.of(Kind.FEATURE_FLAGS),
        kinds(SuperblockRules.block0(with("incompatFlags", 1L), DEVICE)));
    assertEquals(
        List.of(Kind.FEATURE_FLAGS),
        kinds(SuperblockRules.block0(with("compatRoFlags", 2L), DEVICE)));
    assertEquals(List.of(), SuperblockRules.block0(with("compatFlags", 2L), DEVICE));
  }

  @Test
  void aReaderNeedsLessThanAWriter() {
    assertEquals(List.of(), SuperblockRules.readable(0, with("compatRoFlags", 2L)));
    assertEquals(List.of(), SuperblockRules.readable(0, with("dataBlockSize", 0L)));
    assertEquals(
        List.of(Kind.FEATURE_FLAGS), kinds(SuperblockRules.readable(0, with("incompatFlags", 4L))));
    assertEquals(
        List.of(Kind.METADATA_SPACE_MAP_SIZE),
        kinds(SuperblockRules.block0(GOOD, 1000)),
        "the metadata space map is larger than the device");
    assertEquals(List.of(), SuperblockRules.readable(0, GOOD), "a reader reads no space map");
  }

  @Test
  void spaceMapSizesHaveBothBounds() {
    SpaceMapRoot m = GOOD.metadataSpaceMapRoot();
    SpaceMapRoot d = GOOD.dataSpaceMapRoot();
    long max = MetadataIndexBlock.MAX_METADATA_BLOCKS;
    assertEquals(
        List.of(Kind.METADATA_SPACE_MAP_SIZE),
        kinds(SuperblockRules.block0(with("metadataSpaceMapRoot", root(m, 0)), DEVICE)));
    assertEquals(
        List.of(), SuperblockRules.block0(with("metadataSpaceMapRoot", root(m, max)), max));
    assertEquals(
        List.of(Kind.METADATA_SPACE_MAP_SIZE),
        kinds(SuperblockRules.block0(with("metadataSpaceMapRoot", root(m, max + 1)), max + 10)));
    assertEquals(
        List.of(), SuperblockRules.block0(with("dataSpaceMapRoot", root(d, 1L << 40)), DEVICE));
    assertEquals(
        List.of(Kind.DATA_SPACE_MAP_SIZE),
        kinds(SuperblockRules.block0(with("dataSpaceMapRoot", root(d, (1L << 40) + 1)), DEVICE)));
    assertEquals(
        List.of(Kind.DATA_SPACE_MAP_SIZE),
        kinds(SuperblockRules.block0(with("dataSpaceMapRoot", root(d, -1)), DEVICE)),
        "sizes are unsigned");
    assertEquals(max, SuperblockRules.maxMetadataBlocks(Long.MAX_VALUE));
    assertEquals(10, SuperblockRules.maxMetadataBlocks(10));
  }

  @Test
  void theSnapshotCopyNamesItsOwnBlockAndKeepsNoSpaceMaps() {
    assertEquals(List.of(Kind.BLOCKNR), kinds(SuperblockRules.snapshotCopy(78, COPY)));
    assertEquals(
        List.of(Kind.SNAPSHOT_ROOTS),
        kinds(
            SuperblockRules.snapshotCopy(
                77, SuperblockPatch.with(COPY, "dataSpaceMapRoot", new SpaceMapRoot(1, 0, 0, 0)))));
    Violation v =
        SuperblockRules.snapshotCopy(77, SuperblockPatch.with(COPY, "version", 9L)).get(0);
    assertEquals(77, v.block(), "a copy's violation names the copy's block");
  }

  @Test
  void violationsReadExpectedGotAndTheFirstIsThrownWithTheBlock() {
    List<Violation> vs =
        SuperblockRules.block0(
            SuperblockPatch.with(with("version", 7L), "incompatFlags", 1L), DEVICE);
    assertEquals(List.of(Kind.VERSION, Kind.FEATURE_FLAGS), kinds(vs));
    assertEquals("expected 1..2, got 7", vs.get(0).detail());
    assertEquals(
        "expected no incompat or compat_ro flags (none is known), got incompat 0x1, compat_ro 0x0",
        vs.get(1).detail());
    CorruptMetadataException e =
        assertThrows(
            CorruptMetadataException.class, () -> SuperblockRules.require(vs, "superblock"));
    assertEquals(0, e.block());
    assertEquals("superblock version", e.rule());
    assertEquals(
        "block 0: superblock version: expected 1..2, got 7 (at superblock)", e.getMessage());
  }

  private static SpaceMapRoot root(SpaceMapRoot r, long nrBlocks) {
    return new SpaceMapRoot(nrBlocks, r.nrAllocated(), r.bitmapRoot(), r.refCountRoot());
  }
}
