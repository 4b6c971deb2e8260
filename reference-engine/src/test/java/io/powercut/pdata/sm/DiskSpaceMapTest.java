package io.powercut.pdata.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.ExpectedRefCounts;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.SpaceMapDecoder;
import io.powercut.pdata.TreeRulesWalker;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiskSpaceMapTest {
  MetadataStack stack;
  DiskSpaceMap sm;

  @BeforeEach
  void setUp() throws IOException {
    stack = MetadataStack.create(4096);
  }

  static DiskSpaceMapTest withBugs(PdataBug... bugs) throws IOException {
    DiskSpaceMapTest t = new DiskSpaceMapTest();
    t.stack = MetadataStack.create(new MemoryBlockDevice(4096), 4096, Bugs.of(bugs));
    return t;
  }

  DiskSpaceMap create(long nrBlocks) throws IOException {
    sm = DiskSpaceMap.create(stack.tm, nrBlocks);
    return sm;
  }

  /** Commits both maps and checks the data map's blocks decode to {@code expected} counts. */
  void commitAndCheck(Map<Long, Long> expected) throws IOException {
    sm.commit();
    SpaceMapRoot root = sm.root();
    stack.commit(root.nrBlocks(), root.nrAllocated(), root.bitmapRoot(), root.refCountRoot());
    ExpectedRefCounts metadata = new ExpectedRefCounts();
    metadata.add(0);
    SpaceMapDecoder decoder = new SpaceMapDecoder(stack.tm, metadata);
    Map<Long, Long> data = decoder.data(root);
    ExpectedRefCounts want = new ExpectedRefCounts();
    expected.forEach(
        (b, c) -> {
          for (long i = 0; i < c; i++) {
            want.add(b);
          }
        });
    want.assertMatches(data, "data");
    metadata.assertMatches(decoder.metadata(stack.committedSpaceMapRoot()), "metadata");
    assertEquals(sm.nrBlocks() - data.size(), sm.nrFree(), "nr free after commit");
  }

  Map<Long, Long> overflowTree() throws IOException {
    Map<Long, Long> out = new HashMap<>();
    TreeRulesWalker.entries(stack.tm, sm.root().refCountRoot(), new TreeRulesWalker.Shape(1, 4))
        .forEach((k, v) -> out.put(k.get(0), io.powercut.pdata.Le.u32(v, 0)));
    return out;
  }

  @Test
  void aNewMapIsAllFree() throws IOException {
    create(1000);
    assertEquals(1000, sm.nrBlocks());
    assertEquals(1000, sm.nrFree());
    assertEquals(0, sm.count(999));
    assertFalse(sm.countIsMoreThanOne(0));
    commitAndCheck(Map.of());
  }

  @Test
  void allocationHandsOutFreeBlocksInOrderAndCountsThem() throws IOException {
    create(100);
    assertEquals(0, sm.newBlock());
    assertEquals(1, sm.newBlock());
    assertEquals(1, sm.count(1));
    assertEquals(98, sm.nrFree());
    sm.setCount(2, 1);
    assertEquals(3, sm.newBlock(), "a block set by hand is not handed out");
    commitAndCheck(Map.of(0L, 1L, 1L, 1L, 2L, 1L, 3L, 1L));
    assertEquals(4, sm.newBlock(), "the cursor restarts from 0 and skips used blocks");
  }

  @Test
  void countsOverflowIntoTheRefCountTreeAndBack() throws IOException {
    create(100);
    long b = sm.newBlock();
    sm.inc(b);
    assertTrue(sm.countIsMoreThanOne(b));
    assertEquals(Map.of(), overflowTree(), "2 fits the bitmap");
    sm.inc(b);
    assertEquals(3, sm.count(b));
    assertEquals(Map.of(b, 3L), overflowTree());
    sm.inc(b);
    sm.inc(b);
    assertEquals(Map.of(b, 5L), overflowTree());
    commitAndCheck(Map.of(b, 5L));
    sm.dec(b);
    sm.dec(b);
    sm.dec(b);
    assertEquals(2, sm.count(b));
    assertEquals(Map.of(), overflowTree(), "3 -> 2 leaves the tree");
    commitAndCheck(Map.of(b, 2L));
    sm.setCount(b, 70000);
    assertEquals(70000, sm.count(b));
    commitAndCheck(Map.of(b, 70000L));
    sm.setCount(b, 0);
    commitAndCheck(Map.of());
  }

  @Test
  void decrementingAFreeBlockIsCorruption() throws IOException {
    create(100);
    CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> sm.dec(7));
    assertEquals(7, e.block());
    assertEquals("data ref count", e.rule());
    assertEquals(0, sm.count(7));
  }

  @Test
  void aBlockPastTheEndIsCorruption() throws IOException {
    create(100);
    assertEquals(
        "data block number",
        assertThrows(CorruptMetadataException.class, () -> sm.inc(100)).rule());
    assertThrows(CorruptMetadataException.class, () -> sm.count(-1));
    assertThrows(IllegalArgumentException.class, () -> sm.setCount(1, -1));
  }

  @Test
  void bitmapsSpanSeveralBlocksAndGrowWithExtend() throws IOException {
    int epb = BitmapBlock.ENTRIES_PER_BLOCK;
    create(epb - 10);
    sm.setCount(epb - 11, 1);
    commitAndCheck(Map.of(epb - 11L, 1L));
    sm.extend(10); // fills the first bitmap exactly: no new bitmap
    sm.extend(2L * epb + 5);
    assertEquals(3L * epb + 5, sm.nrBlocks());
    long[] edges = {epb - 1, epb, 2L * epb - 1, 2L * epb, 3L * epb + 4};
    Map<Long, Long> expected = new HashMap<>(Map.of(epb - 11L, 1L));
    for (long b : edges) {
      sm.setCount(b, 1 + b % 5);
      expected.put(b, 1 + b % 5);
    }
    for (long b : edges) {
      assertEquals(1 + b % 5, sm.count(b), "block " + b);
    }
    commitAndCheck(expected);
    DiskSpaceMap reopened = DiskSpaceMap.open(stack.tm, sm.root());
    for (long b : edges) {
      assertEquals(1 + b % 5, reopened.count(b), "block " + b + " after reopening");
    }
    assertEquals(sm.nrFree(), reopened.nrFree());
  }

  @Test
  void aBlockFreedInTheTransactionIsNotReusedBeforeCommit() throws IOException {
    create(10);
    for (int i = 0; i < 10; i++) {
      sm.newBlock();
    }
    commitAndCheck(
        Map.of(0L, 1L, 1L, 1L, 2L, 1L, 3L, 1L, 4L, 1L, 5L, 1L, 6L, 1L, 7L, 1L, 8L, 1L, 9L, 1L));
    sm.dec(4);
    assertEquals(0, sm.count(4));
    assertEquals(
        0, sm.nrFree(), "free counts the last commit, less this transaction's allocations");
    assertThrows(NoSpaceException.class, sm::newBlock);
    sm.commit();
    assertEquals(1, sm.nrFree());
    assertEquals(4, sm.newBlock(), "free once committed");
  }

  @Test
  void aBlockAllocatedAndFreedInTheTransactionMayBeReusedAfterWrappingAround() throws IOException {
    create(10);
    Set<Long> first = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      first.add(sm.newBlock());
    }
    assertEquals(10, first.size());
    sm.dec(2);
    assertEquals(2, sm.newBlock(), "the cursor wraps around to block 2");
    assertThrows(NoSpaceException.class, sm::newBlock);
  }

  @Test
  void growingAddsFreeBlocksThatCanBeAllocatedAtOnce() throws IOException {
    create(4);
    for (int i = 0; i < 4; i++) {
      sm.newBlock();
    }
    assertEquals(0, sm.nrFree());
    sm.extend(3);
    assertEquals(7, sm.nrBlocks());
    assertEquals(3, sm.nrFree(), "the new blocks are free before the commit");
    assertEquals(4, sm.newBlock());
    assertEquals(2, sm.nrFree());
    commitAndCheck(Map.of(0L, 1L, 1L, 1L, 2L, 1L, 3L, 1L, 4L, 1L));
    assertEquals(2, sm.nrFree());
  }

  @Test
  void seededReuseFreedBlockHandsOutAFreedBlockBeforeCommit() throws IOException {
    DiskSpaceMapTest buggy = withBugs(PdataBug.REUSE_FREED_BLOCK);
    DiskSpaceMap b = buggy.create(10);
    for (int i = 0; i < 10; i++) {
      b.newBlock();
    }
    b.commit();
    b.dec(4);
    assertEquals(4, b.newBlock(), "reused in the same transaction");
  }

  @Test
  void seededIndexNrFreeStaleLeavesTheIndexWrong() throws IOException {
    DiskSpaceMapTest buggy = withBugs(PdataBug.INDEX_NR_FREE_STALE);
    buggy.create(100);
    buggy.sm.newBlock();
    buggy.sm.commit();
    SpaceMapDecoder decoder = new SpaceMapDecoder(buggy.stack.tm, new ExpectedRefCounts());
    AssertionError e = assertThrows(AssertionError.class, () -> decoder.data(buggy.sm.root()));
    assertTrue(e.getMessage().contains("nr_free"), e.getMessage());
    // The correct engine's index stays right.
    create(100);
    sm.newBlock();
    commitAndCheck(Map.of(0L, 1L));
  }

  @Test
  void newBlockNeverReturnsABlockInUse() throws IOException {
    create(300);
    java.util.SplittableRandom r = new java.util.SplittableRandom(9);
    Map<Long, Long> model = new HashMap<>();
    Set<Long> freedThisTransaction = new HashSet<>();
    for (int step = 0; step < 3000; step++) {
      int what = r.nextInt(10);
      if (what < 5) {
        if (sm.nrFree() == 0) {
          continue;
        }
        long b = sm.newBlock();
        assertEquals(0, model.getOrDefault(b, 0L), "block " + b + " was in use");
        assertFalse(freedThisTransaction.contains(b), "block " + b + " freed before commit");
        model.put(b, 1L);
      } else if (what < 9 && !model.isEmpty()) {
        List<Long> used = model.keySet().stream().sorted().toList();
        long b = used.get(r.nextInt(used.size()));
        if (r.nextBoolean()) {
          sm.inc(b);
          model.merge(b, 1L, Long::sum);
        } else {
          sm.dec(b);
          if (model.merge(b, -1L, Long::sum) == 0) {
            model.remove(b);
            freedThisTransaction.add(b);
          }
        }
      } else {
        commitAndCheck(model);
        freedThisTransaction.clear();
      }
    }
    commitAndCheck(model);
    assertNotEquals(0, model.size());
  }
}
