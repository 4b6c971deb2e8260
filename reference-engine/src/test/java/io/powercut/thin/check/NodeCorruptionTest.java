package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.assertProblem;
import static io.powercut.thin.check.Reports.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTreeNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each btree node rule, broken in one node of an otherwise clean image. */
class NodeCorruptionTest {
  private MemoryBlockDevice device;
  private ImageEditor image;

  /** The origin's tree: an internal root over several leaves. */
  private long root;

  private List<Long> leaves;

  @BeforeEach
  void setUp() throws IOException {
    device = TestPools.standard();
    image = new ImageEditor(device);
    Reports.assertClean(device, CheckOptions.DEFAULT);
    root = image.deviceRoot(TestPools.ORIGIN);
    leaves = image.leaves(root);
    assertTrue(BTreeNode.isInternal(image.read(root)), "the origin's root is internal");
    assertTrue(leaves.size() >= 4, "the origin has several leaves");
  }

  /** A leaf only the origin's tree holds (the snapshots copied the one they wrote into). */
  private long unsharedLeaf() {
    return leaves.get(leaves.size() - 1);
  }

  @Test
  void checksum() throws IOException {
    long leaf = unsharedLeaf();
    image.scribble(leaf, 3000);
    assertProblem(check(device), Rule.CHECKSUM, leaf, Severity.FATAL);
  }

  @Test
  void blocknr() throws IOException {
    long leaf = unsharedLeaf();
    image.patchNode(leaf, d -> BTreeNode.VALIDATOR.prepareForWrite(leaf + 1, d));
    assertProblem(check(device), Rule.BLOCKNR, leaf, Severity.FATAL);
  }

  @Test
  void bothInternalAndLeaf() throws IOException {
    long leaf = unsharedLeaf();
    image.patchNode(leaf, d -> Le.putU32(d, BTreeNode.FLAGS, BTreeNode.INTERNAL | BTreeNode.LEAF));
    assertProblem(check(device), Rule.NODE_FLAGS, leaf, Severity.FATAL);
  }

  @Test
  void neitherInternalNorLeaf() throws IOException {
    image.patchNode(root, d -> Le.putU32(d, BTreeNode.FLAGS, 0));
    assertProblem(check(device), Rule.NODE_FLAGS, root, Severity.FATAL);
  }

  @Test
  void valueSizeOfTheTree() throws IOException {
    long details = image.superblock().deviceDetailsRoot();
    image.patchNode(details, d -> Le.putU32(d, BTreeNode.VALUE_SIZE, 16));
    assertProblem(check(device), Rule.VALUE_SIZE, details, Severity.FATAL);
  }

  @Test
  void valueSizeOfInternalNodes() throws IOException {
    image.patchNode(root, d -> Le.putU32(d, BTreeNode.VALUE_SIZE, 16));
    assertProblem(check(device), Rule.VALUE_SIZE, root, Severity.FATAL);
  }

  @Test
  void maxEntriesNotDivisibleByThree() throws IOException {
    long leaf = unsharedLeaf();
    image.patchNode(leaf, d -> Le.putU32(d, BTreeNode.MAX_ENTRIES, 251));
    assertProblem(check(device), Rule.MAX_ENTRIES, leaf, Severity.FATAL);
  }

  @Test
  void maxEntriesThatDoNotFit() throws IOException {
    long leaf = unsharedLeaf();
    image.patchNode(leaf, d -> Le.putU32(d, BTreeNode.MAX_ENTRIES, 255));
    assertProblem(check(device), Rule.MAX_ENTRIES, leaf, Severity.FATAL);
  }

  @Test
  void moreEntriesThanMax() throws IOException {
    long leaf = unsharedLeaf();
    image.patchNode(leaf, d -> BTreeNode.setNrEntries(d, BTreeNode.maxEntries(d) + 1));
    assertProblem(check(device), Rule.NR_ENTRIES, leaf, Severity.FATAL);
  }

  @Test
  void emptyInternalNode() throws IOException {
    image.patchNode(root, d -> BTreeNode.setNrEntries(d, 0));
    assertProblem(check(device), Rule.NR_ENTRIES, root, Severity.FATAL);
  }

  @Test
  void underfullNonRootNode() throws IOException {
    long leaf = unsharedLeaf();
    image.patchNode(leaf, d -> BTreeNode.setNrEntries(d, BTreeNode.maxEntries(d) / 3 - 1));
    CheckReport r = check(device);
    Problem p = assertProblem(r, Rule.OCCUPANCY, leaf, Severity.FATAL);
    assertTrue(p.message().contains("expected >= max_entries/3 = 84, got 83"), p::toString);
  }

  @Test
  void underfullRootIsAllowed() throws IOException {
    // The sparse device's root is a leaf holding 5 of 252 entries.
    long sparse = image.deviceRoot(TestPools.SPARSE);
    assertEquals(5, BTreeNode.nrEntries(image.read(sparse)));
    Reports.assertClean(device, CheckOptions.DEFAULT);
  }

  @Test
  void keysOutOfOrder() throws IOException {
    long leaf = unsharedLeaf();
    image.patchNode(
        leaf,
        d -> {
          long k = BTreeNode.key(d, 3);
          BTreeNode.setKey(d, 3, BTreeNode.key(d, 4));
          BTreeNode.setKey(d, 4, k);
        });
    assertProblem(check(device), Rule.KEY_ORDER, leaf, Severity.FATAL);
  }

  @Test
  void firstKeyBelowTheParentKey() throws IOException {
    byte[] r = image.read(root);
    long second = BTreeNode.value64(r, 1);
    long parentKey = BTreeNode.key(r, 1);
    // The previous leaf ends below parentKey - 1 only if there is a gap; make one first.
    image.patchNode(second, d -> BTreeNode.setKey(d, 0, parentKey - 1));
    Problem p = assertProblem(check(device), Rule.KEY_RANGE, second, Severity.FATAL);
    assertTrue(p.message().contains("first key"), p::toString);
  }

  @Test
  void lastKeyAtTheNextParentKey() throws IOException {
    byte[] r = image.read(root);
    long first = BTreeNode.value64(r, 0);
    long nextKey = BTreeNode.key(r, 1);
    image.patchNode(first, d -> BTreeNode.setKey(d, BTreeNode.nrEntries(d) - 1, nextKey));
    Problem p = assertProblem(check(device), Rule.KEY_RANGE, first, Severity.FATAL);
    assertTrue(p.message().contains("last key"), p::toString);
  }

  @Test
  void childReachedTwiceWithinOneTree() throws IOException {
    byte[] r = image.read(root);
    long child = BTreeNode.value64(r, 0);
    image.patchNode(root, d -> BTreeNode.setValue64(d, 1, child));
    assertProblem(check(device), Rule.NODE_REVISITED, child, Severity.FATAL);
  }

  @Test
  void childPointingAtItsParent() throws IOException {
    image.patchNode(root, d -> BTreeNode.setValue64(d, 2, root));
    assertProblem(check(device), Rule.NODE_REVISITED, root, Severity.FATAL);
  }

  @Test
  void childThatIsADetailsNode() throws IOException {
    long details = image.superblock().deviceDetailsRoot();
    image.patchNode(root, d -> BTreeNode.setValue64(d, 0, details));
    assertProblem(check(device), Rule.BLOCK_TYPE, details, Severity.FATAL);
  }

  @Test
  void childThatIsABitmap() throws IOException {
    long bitmap = image.metadataBitmap(0);
    image.patchNode(root, d -> BTreeNode.setValue64(d, 0, bitmap));
    assertProblem(check(device), Rule.BLOCK_TYPE, bitmap, Severity.FATAL);
  }

  @Test
  void childThatIsTheSuperblock() throws IOException {
    image.patchNode(root, d -> BTreeNode.setValue64(d, 0, 0));
    CheckReport r = check(device);
    assertProblem(r, Rule.BLOCK_TYPE, 0, Severity.FATAL);
    // The unreadable subtree's blocks are not reported as leaks: that would only be noise.
    assertEquals(1, r.problems().size(), r::toString);
  }

  @Test
  void childBeyondTheDevice() throws IOException {
    image.patchNode(root, d -> BTreeNode.setValue64(d, 0, TestPools.METADATA_BLOCKS));
    assertProblem(check(device), Rule.BLOCK_RANGE, TestPools.METADATA_BLOCKS, Severity.FATAL);
  }

  @Test
  void sharedSubtreeIsCountedNotRevisited() throws IOException {
    CheckReport r = Reports.assertClean(device, CheckOptions.DEFAULT);
    // 1000 origin mappings seen by three devices, one more in each snapshot, five sparse.
    assertEquals(3 * 1000 + 5, r.mappings());
  }
}
