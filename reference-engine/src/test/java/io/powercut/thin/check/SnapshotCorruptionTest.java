package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.WITH_SNAPSHOT;
import static io.powercut.thin.check.Reports.assertProblem;
import static io.powercut.thin.check.Reports.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.thin.Superblock;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The held metadata snapshot: its superblock copy, and its trees with and without -m. */
class SnapshotCorruptionTest {
  private MemoryBlockDevice device;
  private ImageEditor image;
  private long held;
  private Superblock copy;

  /** Mapping-tree nodes only the snapshot holds. */
  private Set<Long> heldOnly;

  /** Mapping-tree nodes both the snapshot and the live trees hold. */
  private Set<Long> shared;

  @BeforeEach
  void setUp() throws IOException {
    device = TestPools.withMetadataSnapshot();
    image = new ImageEditor(device);
    held = image.superblock().heldRoot();
    assertTrue(held != 0, "a metadata snapshot is held");
    copy = Superblock.read(image.read(held));
    Set<Long> live = image.mappingNodes(image.superblock().dataMappingRoot());
    heldOnly = new TreeSet<>(image.mappingNodes(copy.dataMappingRoot()));
    heldOnly.removeAll(live);
    shared = new TreeSet<>(image.mappingNodes(copy.dataMappingRoot()));
    shared.retainAll(live);
    assertFalse(heldOnly.isEmpty(), "the snapshot owns nodes");
    assertFalse(shared.isEmpty(), "the snapshot shares nodes");
  }

  @Test
  void cleanWithAndWithoutM() throws IOException {
    CheckReport r = Reports.assertClean(device, CheckOptions.DEFAULT);
    Reports.assertClean(device, WITH_SNAPSHOT);
    // Live devices only (the sparse one was deleted after the snapshot): the origin with 1300
    // mappings less 67 removed, two snapshots of 1000 (each overwrote one), the empty device.
    assertEquals(4, r.devices());
    assertEquals(1233 + 2 * 1000, r.mappings());
  }

  @Test
  void copyNamesItsOwnLocation() throws IOException {
    image.patchSuperblockAt(held, sb -> SuperblockPatch.with(sb, "blocknr", held + 1));
    assertProblem(check(device), Rule.BLOCKNR, held, Severity.FATAL);
  }

  @Test
  void copyHasZeroedSpaceMapRoots() throws IOException {
    image.patchSuperblockAt(
        held, sb -> SuperblockPatch.with(sb, "dataSpaceMapRoot", new SpaceMapRoot(1, 0, 0, 0)));
    assertProblem(check(device), Rule.SNAPSHOT_ROOTS, held, Severity.FATAL);
  }

  @Test
  void copyMagic() throws IOException {
    image.patchSuperblockAt(held, sb -> SuperblockPatch.with(sb, "magic", 1L));
    assertProblem(check(device), Rule.MAGIC, held, Severity.FATAL);
  }

  @Test
  void copyChecksum() throws IOException {
    image.scribble(held, 1000);
    assertProblem(check(device), Rule.CHECKSUM, held, Severity.FATAL);
  }

  @Test
  void damagedSnapshotNodeIsReportedInFullOnlyWithM() throws IOException {
    long node = heldOnly.iterator().next();
    image.scribble(node, 2000);
    CheckReport plain = check(device);
    assertProblem(plain, Rule.SNAPSHOT_TREES, held, Severity.FATAL);
    assertFalse(plain.has(Rule.CHECKSUM), plain::toString);
    assertProblem(
        MetadataChecker.check(device, WITH_SNAPSHOT), Rule.CHECKSUM, node, Severity.FATAL);
  }

  @Test
  void snapshotKeyOrderIsSummarizedWithoutMAndDetailedWithIt() throws IOException {
    long leaf = -1;
    for (long b : heldOnly) {
      byte[] d = image.read(b);
      if (BTreeNode.isLeaf(d) && BTreeNode.nrEntries(d) > 5) {
        leaf = b;
        break;
      }
    }
    assertTrue(leaf > 0, "the snapshot owns a leaf");
    image.patchNode(
        leaf,
        d -> {
          long k = BTreeNode.key(d, 1);
          BTreeNode.setKey(d, 1, BTreeNode.key(d, 2));
          BTreeNode.setKey(d, 2, k);
        });
    // As thin_check (without -m) rejects it: one problem that names the first rule broken.
    CheckReport plain = MetadataChecker.check(device, CheckOptions.DEFAULT);
    assertTrue(plain.hasFatal(), plain.problems().toString());
    assertEquals(1, plain.problems().size(), plain.problems().toString());
    assertTrue(plain.has(Rule.SNAPSHOT_TREES), plain.problems().toString());
    assertTrue(
        plain.problems().get(0).message().contains("key order"), plain.problems().toString());
    assertProblem(
        MetadataChecker.check(device, WITH_SNAPSHOT), Rule.KEY_ORDER, leaf, Severity.FATAL);
  }

  @Test
  void aNodeSharedWithTheSnapshotCountsBothPointers() throws IOException {
    long node = -1;
    for (long b : shared) {
      if (image.metadataCount(b) == 2) {
        node = b;
        break;
      }
    }
    assertTrue(node > 0, "a node held by the live trees and the snapshot, count 2");
    image.setMetadataCount(node, 1);
    assertProblem(check(device), Rule.METADATA_COUNT, node, Severity.FATAL);
  }

  @Test
  void snapshotDetailsRootCounted() throws IOException {
    long details = copy.deviceDetailsRoot();
    int count = image.metadataCount(details);
    image.setMetadataCount(details, count - 1);
    assertProblem(check(device), Rule.METADATA_COUNT, details, Severity.FATAL);
  }
}
