package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.assertProblem;
import static io.powercut.thin.check.Reports.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.pdata.sm.SpaceMapRoot;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Space-map rules of both maps: counts, overflow entries, index entries, bitmaps. */
class SpaceMapCorruptionTest {
  private MemoryBlockDevice device;
  private ImageEditor image;

  /** A data block only the sparse device maps: count 1. */
  private long single;

  /** A data block in the leaf both snapshots copied: mapped by three leaves, count 3. */
  private long triple;

  @BeforeEach
  void setUp() throws IOException {
    device = TestPools.standard();
    image = new ImageEditor(device);
    Reports.assertClean(device, CheckOptions.DEFAULT);
    single = image.dataBlock(TestPools.SPARSE, 1L << 40);
    triple = image.dataBlock(TestPools.ORIGIN, 0);
    assertEquals(1, image.dataCount(single));
    assertEquals(BitmapBlock.OVERFLOW, image.dataCount(triple));
  }

  private long dataRefCountRoot() throws IOException {
    return image.superblock().dataSpaceMapRoot().refCountRoot();
  }

  @Test
  void aSubtreeSharedBySnapshotsCountsItsDataOnce() throws IOException {
    long shared = image.dataBlock(TestPools.ORIGIN, 900);
    assertEquals(shared, image.dataBlock(TestPools.SNAP, 900));
    assertEquals(shared, image.dataBlock(TestPools.SNAP2, 900));
    assertEquals(1, image.dataCount(shared));
    ImageEditor.Slot s = image.find(dataRefCountRoot(), triple);
    assertEquals(
        3, Le.u32(image.read(s.leaf()), BTreeNode.valueOffset(image.read(s.leaf()), s.slot())));
  }

  @Test
  void metadataCountBelowReferences() throws IOException {
    // The leaf the snapshot copied to write into it is its own.
    long leaf = image.leaves(image.deviceRoot(TestPools.SNAP)).get(0);
    assertEquals(1, image.metadataCount(leaf));
    image.setMetadataCount(leaf, 0);
    Problem p = assertProblem(check(device), Rule.METADATA_COUNT, leaf, Severity.FATAL);
    assertEquals("fewer than its references: expected 1, got 0", p.message());
  }

  @Test
  void metadataLeak() throws IOException {
    long free = image.freeMetadataBlock();
    image.setMetadataCount(free, 1);
    assertProblem(check(device), Rule.METADATA_COUNT, free, Severity.NON_FATAL);
  }

  @Test
  void sharedSubtreeRootCountedOncePerPointer() throws IOException {
    // The snapshots copied the origin's root; the root's other children stay shared by three.
    long root = image.deviceRoot(TestPools.ORIGIN);
    long child = BTreeNode.value64(image.read(root), 3);
    assertEquals(3, image.metadataCount(child));
    image.setMetadataCount(child, 2);
    assertProblem(check(device), Rule.METADATA_COUNT, child, Severity.FATAL);
  }

  @Test
  void dataCountAboveReferences() throws IOException {
    image.setDataCount(single, 2);
    Problem p = assertProblem(check(device), Rule.DATA_COUNT, single, Severity.FATAL);
    assertEquals(
        "differs from the mapping leaves that point at it: expected 1, got 2", p.message());
  }

  @Test
  void dataCountBelowReferences() throws IOException {
    image.setDataCount(single, 0);
    assertProblem(check(device), Rule.DATA_COUNT, single, Severity.FATAL);
  }

  @Test
  void dataLeak() throws IOException {
    long free = TestPools.DATA_BLOCKS - 1;
    image.setDataCount(free, 1);
    CheckReport r = check(device);
    assertProblem(r, Rule.DATA_COUNT, free, Severity.NON_FATAL);
    assertEquals(false, r.hasFatal(), r::toString);
  }

  @Test
  void overflowEntryMissing() throws IOException {
    image.setDataCount(single, BitmapBlock.OVERFLOW);
    assertProblem(check(device), Rule.OVERFLOW, single, Severity.FATAL);
  }

  @Test
  void overflowEntryBelowThree() throws IOException {
    ImageEditor.Slot s = image.find(dataRefCountRoot(), triple);
    image.patchNode(s.leaf(), d -> Le.putU32(d, BTreeNode.valueOffset(d, s.slot()), 2));
    assertProblem(check(device), Rule.OVERFLOW, triple, Severity.FATAL);
  }

  @Test
  void overflowEntryBehindASmallCount() throws IOException {
    image.setDataCount(triple, 2);
    CheckReport r = check(device);
    assertProblem(r, Rule.OVERFLOW, triple, Severity.NON_FATAL);
    assertProblem(r, Rule.DATA_COUNT, triple, Severity.FATAL);
  }

  @Test
  void dataNrAllocated() throws IOException {
    image.patchSuperblock(
        sb -> {
          SpaceMapRoot d = sb.dataSpaceMapRoot();
          return SuperblockPatch.with(
              sb,
              "dataSpaceMapRoot",
              new SpaceMapRoot(
                  d.nrBlocks(), d.nrAllocated() + 1, d.bitmapRoot(), d.refCountRoot()));
        });
    assertProblem(check(device), Rule.NR_ALLOCATED, 0, Severity.NON_FATAL);
  }

  @Test
  void metadataNrAllocated() throws IOException {
    image.patchSuperblock(
        sb -> {
          SpaceMapRoot m = sb.metadataSpaceMapRoot();
          return SuperblockPatch.with(
              sb,
              "metadataSpaceMapRoot",
              new SpaceMapRoot(
                  m.nrBlocks(), m.nrAllocated() - 1, m.bitmapRoot(), m.refCountRoot()));
        });
    assertProblem(check(device), Rule.NR_ALLOCATED, 0, Severity.NON_FATAL);
  }

  @Test
  void dataNrFree() throws IOException {
    ImageEditor.DataIndexSlot s = image.dataIndex(0);
    IndexEntry e = s.entry();
    image.patchNode(
        s.leaf(),
        d ->
            new IndexEntry(e.blocknr(), e.nrFree() - 5, e.noneFreeBefore())
                .write(d, BTreeNode.valueOffset(d, s.slot())));
    assertProblem(check(device), Rule.NR_FREE, e.blocknr(), Severity.NON_FATAL);
  }

  @Test
  void metadataNrFree() throws IOException {
    IndexEntry e =
        MetadataIndexBlock.entry(
            image.read(image.superblock().metadataSpaceMapRoot().bitmapRoot()), 0);
    image.patchMetadataIndex(
        d ->
            new IndexEntry(e.blocknr(), e.nrFree() + 5, e.noneFreeBefore())
                .write(d, MetadataIndexBlock.entryOffset(0)));
    assertProblem(check(device), Rule.NR_FREE, e.blocknr(), Severity.NON_FATAL);
  }

  @Test
  void noneFreeBeforeIsOnlyAHint() throws IOException {
    ImageEditor.DataIndexSlot s = image.dataIndex(0);
    IndexEntry e = s.entry();
    image.patchNode(
        s.leaf(),
        d ->
            new IndexEntry(e.blocknr(), e.nrFree(), e.noneFreeBefore() + 100)
                .write(d, BTreeNode.valueOffset(d, s.slot())));
    Reports.assertClean(device, CheckOptions.DEFAULT);
  }

  @Test
  void bitmapEntryPastTheEnd() throws IOException {
    long bitmap = image.dataIndex(1).entry().blocknr();
    int past = (int) (TestPools.DATA_BLOCKS % BitmapBlock.ENTRIES_PER_BLOCK) + 5;
    image.patchBitmap(bitmap, d -> BitmapBlock.set(d, past, 1));
    assertProblem(check(device), Rule.BITMAP_TAIL, bitmap, Severity.NON_FATAL);
  }

  @Test
  void missingIndexEntry() throws IOException {
    ImageEditor.DataIndexSlot s = image.dataIndex(1);
    image.patchNode(s.leaf(), d -> BTreeNode.deleteAt(d, s.slot()));
    CheckReport r = check(device);
    assertProblem(r, Rule.INDEX_ENTRY, 0, Severity.FATAL);
    assertProblem(r, Rule.METADATA_COUNT, s.entry().blocknr(), Severity.NON_FATAL);
  }

  @Test
  void extraIndexEntry() throws IOException {
    ImageEditor.DataIndexSlot s = image.dataIndex(1);
    image.patchNode(s.leaf(), d -> BTreeNode.insertAt(d, 2, 2, s.entry().toBytes(), 0));
    assertProblem(check(device), Rule.INDEX_ENTRY, s.leaf(), Severity.NON_FATAL);
  }

  @Test
  void metadataIndexChecksum() throws IOException {
    long index = image.superblock().metadataSpaceMapRoot().bitmapRoot();
    image.scribble(index, 4000);
    assertProblem(check(device), Rule.CHECKSUM, index, Severity.FATAL);
  }

  @Test
  void bitmapChecksum() throws IOException {
    long bitmap = image.dataIndex(0).entry().blocknr();
    image.scribble(bitmap, 100);
    assertProblem(check(device), Rule.CHECKSUM, bitmap, Severity.FATAL);
  }

  @Test
  void bitmapBlocknr() throws IOException {
    long bitmap = image.metadataBitmap(0);
    image.patchBitmap(bitmap, d -> BitmapBlock.VALIDATOR.prepareForWrite(bitmap + 1, d));
    assertProblem(check(device), Rule.BLOCKNR, bitmap, Severity.FATAL);
  }

  @Test
  void bitmapThatIsAlsoATreeNode() throws IOException {
    long leaf = image.leaves(image.deviceRoot(TestPools.ORIGIN)).get(2);
    IndexEntry e =
        MetadataIndexBlock.entry(
            image.read(image.superblock().metadataSpaceMapRoot().bitmapRoot()), 0);
    image.patchMetadataIndex(d -> e.withBlocknr(leaf).write(d, MetadataIndexBlock.entryOffset(0)));
    assertProblem(check(device), Rule.BLOCK_TYPE, leaf, Severity.FATAL);
  }

  @Test
  void refCountTreeChecksum() throws IOException {
    long root = dataRefCountRoot();
    image.scribble(root, 2000);
    assertProblem(check(device), Rule.CHECKSUM, root, Severity.FATAL);
  }

  @Test
  void skipMappingsStillChecksTheMapsThemselves() throws IOException {
    image.setDataCount(single, 2);
    CheckOptions skip = new CheckOptions(false, false, true);
    Reports.assertClean(device, skip);
    image.setDataCount(single, BitmapBlock.OVERFLOW);
    assertProblem(MetadataChecker.check(device, skip), Rule.OVERFLOW, single, Severity.FATAL);
  }
}
