package io.powercut.thin.check;

import static io.powercut.thin.check.Reports.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.SpaceMapRoot;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Images built to hang or exhaust a naive checker: cycles, huge counts, deep chains, dense webs of
 * pointers, garbage. Each check must end quickly with problems, never with an exception.
 */
class MaliciousImageTest {
  private static final Duration QUICKLY = Duration.ofSeconds(10);

  private MemoryBlockDevice device;
  private ImageEditor image;
  private long root;

  @BeforeEach
  void setUp() throws IOException {
    device = TestPools.standard();
    image = new ImageEditor(device);
    root = image.deviceRoot(TestPools.ORIGIN);
  }

  private CheckReport checkQuickly(CheckOptions options) {
    return assertTimeoutPreemptively(QUICKLY, () -> MetadataChecker.check(device, options));
  }

  private CheckReport checkQuickly() {
    return checkQuickly(CheckOptions.DEFAULT);
  }

  @Test
  void leafTurnedInternalPointingBackAtTheRoot() throws IOException {
    long leaf = image.leaves(root).get(2);
    image.patchNode(
        leaf,
        d -> {
          Le.putU32(d, BTreeNode.FLAGS, BTreeNode.INTERNAL);
          BTreeNode.setValue64(d, 0, root);
        });
    CheckReport r = checkQuickly();
    assertProblem(r, Rule.NODE_REVISITED, root, Severity.FATAL);
    // The other "children" are block_time values, far beyond the device.
    assertTrue(r.has(Rule.BLOCK_RANGE), r::toString);
  }

  @Test
  void hugeNrEntries() throws IOException {
    long leaf = image.leaves(root).get(1);
    image.patchNode(leaf, d -> Le.putU32(d, BTreeNode.NR_ENTRIES, 0xFFFF_FFFFL));
    assertProblem(checkQuickly(), Rule.NR_ENTRIES, leaf, Severity.FATAL);
  }

  @Test
  void hugeMaxEntries() throws IOException {
    image.patchNode(root, d -> Le.putU32(d, BTreeNode.MAX_ENTRIES, 0xFFFF_FFFDL));
    assertProblem(checkQuickly(), Rule.MAX_ENTRIES, root, Severity.FATAL);
  }

  @Test
  void negativeChildPointer() throws IOException {
    image.patchNode(root, d -> BTreeNode.setValue64(d, 1, Long.MIN_VALUE + 3));
    assertProblem(checkQuickly(), Rule.BLOCK_RANGE, Long.MIN_VALUE + 3, Severity.FATAL);
  }

  @Test
  void chainDeeperThanAnyRealTree() throws IOException {
    List<Long> chain = freeBlocks(40);
    for (int i = 0; i < chain.size(); i++) {
      long self = chain.get(i);
      long child = i + 1 < chain.size() ? chain.get(i + 1) : root;
      writeInternal(self, new long[] {0}, new long[] {child});
    }
    long sparse = image.deviceRoot(TestPools.SPARSE);
    long top = image.superblock().dataMappingRoot();
    int slot = BTreeNode.lowerBound(image.read(top), TestPools.SPARSE);
    assertEquals(sparse, BTreeNode.value64(image.read(top), slot));
    image.patchNode(top, d -> BTreeNode.setValue64(d, slot, chain.get(0)));
    CheckReport r = checkQuickly();
    assertTrue(r.has(Rule.TREE_DEPTH), r::toString);
    assertTrue(r.has(Rule.OCCUPANCY), r::toString);
  }

  @Test
  void denseWebOfNodesPointingAtEachOther() throws IOException {
    List<Long> web = freeBlocks(252);
    long[] keys = new long[web.size()];
    long[] children = new long[web.size()];
    for (int i = 0; i < web.size(); i++) {
      keys[i] = i;
      children[i] = web.get(i);
    }
    for (long b : web) {
      writeInternal(b, keys, children);
    }
    image.patchNode(root, d -> BTreeNode.setValue64(d, 0, web.get(0)));
    CheckReport r = checkQuickly();
    assertTrue(r.has(Rule.NODE_REVISITED), r::toString);
    // 252 nodes of 252 pointers each: far more problems than listed, all counted.
    assertTrue(r.omittedProblems() > 0, r::toString);
    assertEquals(MetadataChecker.MAX_PROBLEMS, r.problems().size());
  }

  @Test
  void everyDeviceRootIsTheSameNode() throws IOException {
    long top = image.superblock().dataMappingRoot();
    image.patchNode(
        top,
        d -> {
          for (int i = 0; i < BTreeNode.nrEntries(d); i++) {
            BTreeNode.setValue64(d, i, root);
          }
        });
    CheckReport r = checkQuickly();
    // Legal sharing as far as the walk goes; the counts and mapped_blocks disagree.
    assertTrue(r.has(Rule.MAPPED_BLOCKS), r::toString);
    assertTrue(r.has(Rule.METADATA_COUNT), r::toString);
  }

  @Test
  void dataSpaceMapClaimingTheWholeBlockTimeRange() throws IOException {
    image.patchSuperblock(
        sb -> {
          SpaceMapRoot d = sb.dataSpaceMapRoot();
          return SuperblockPatch.with(
              sb,
              "dataSpaceMapRoot",
              new SpaceMapRoot(1L << 40, d.nrAllocated(), d.bitmapRoot(), d.refCountRoot()));
        });
    CheckReport r = checkQuickly();
    assertProblem(r, Rule.SPACE_MAP_SIZE, 0, Severity.FATAL);
  }

  @Test
  void metadataSpaceMapOfNoBlocks() throws IOException {
    image.patchSuperblock(
        sb -> {
          SpaceMapRoot m = sb.metadataSpaceMapRoot();
          return SuperblockPatch.with(
              sb, "metadataSpaceMapRoot", new SpaceMapRoot(0, 0, m.bitmapRoot(), m.refCountRoot()));
        });
    assertProblem(checkQuickly(), Rule.SPACE_MAP_SIZE, 0, Severity.FATAL);
  }

  @Test
  void dataIndexNamingTheSameBitmapTwice() throws IOException {
    long bitmap = image.dataIndex(0).entry().blocknr();
    ImageEditor.DataIndexSlot second = image.dataIndex(1);
    image.patchNode(
        second.leaf(),
        d -> second.entry().withBlocknr(bitmap).write(d, BTreeNode.valueOffset(d, second.slot())));
    assertProblem(checkQuickly(), Rule.BLOCK_TYPE, bitmap, Severity.FATAL);
  }

  @Test
  void garbageEverywhere() throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    for (long b = 0; b < 64; b++) {
      rng.nextBytes(d);
      device.write(b, d);
    }
    CheckReport r = checkQuickly();
    assertProblem(r, Rule.CHECKSUM, 0, Severity.FATAL);
  }

  @Test
  void validSuperblockOverGarbage() throws IOException {
    SplittableRandom rng = new SplittableRandom(2);
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    for (long b = 1; b < TestPools.METADATA_BLOCKS; b++) {
      rng.nextBytes(d);
      device.write(b, d);
    }
    CheckReport r = checkQuickly(new CheckOptions(true, false, false));
    assertTrue(r.hasFatal(), r::toString);
    assertTrue(r.has(Rule.CHECKSUM), r::toString);
  }

  /** Random damage to random fields of random blocks: the check ends quickly, consistently. */
  @PropertyTest(seeds = 150)
  void randomFieldDamageEndsQuickly(long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    RandomDamage.apply(rng, image, rng.nextInt(1, 4));
    CheckReport r = checkQuickly(new CheckOptions(rng.nextBoolean(), false, rng.nextBoolean()));
    assertEquals(r.problems().isEmpty() && r.omittedProblems() == 0, r.clean());
    assertFalse(r.hasFatal() && r.clean(), r::toString);
  }

  private List<Long> freeBlocks(int n) throws IOException {
    List<Long> out = new ArrayList<>();
    for (long b = TestPools.METADATA_BLOCKS - 1; out.size() < n; b--) {
      if (image.metadataCount(b) == 0) {
        out.add(b);
      }
    }
    return out;
  }

  private void writeInternal(long b, long[] keys, long[] children) throws IOException {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    BTreeNode.init(d, BTreeNode.INTERNAL, 8);
    for (int i = 0; i < keys.length; i++) {
      BTreeNode.setKey(d, i, keys[i]);
      BTreeNode.setValue64(d, i, children[i]);
    }
    BTreeNode.setNrEntries(d, keys.length);
    BTreeNode.VALIDATOR.prepareForWrite(b, d);
    device.write(b, d);
  }
}
