package io.powercut.pdata.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetadataSpaceMapTest {
  /** Commits and checks the decoded map against the blocks the test holds (and block 0). */
  static Map<Long, Long> commitAndCheck(MetadataStack s, Map<Long, Long> held) throws IOException {
    s.commit();
    ExpectedRefCounts refs = new ExpectedRefCounts();
    refs.add(0);
    held.forEach(
        (b, c) -> {
          for (long i = 0; i < c; i++) {
            refs.add(b);
          }
        });
    Map<Long, Long> decoded = new SpaceMapDecoder(s.tm, refs).metadata(s.committedSpaceMapRoot());
    refs.assertMatches(decoded, "metadata");
    assertEquals(s.sm.nrBlocks() - decoded.size(), s.sm.nrFree());
    return decoded;
  }

  static long allocate(MetadataStack s) throws IOException {
    try (Block b = s.tm.newBlock(BTreeNode.VALIDATOR)) {
      BTreeNode.init(b.data(), BTreeNode.LEAF, 8);
      return b.location();
    }
  }

  @Test
  void formatCountsTheSuperblockAndItsOwnBlocks() throws IOException {
    MetadataStack s = MetadataStack.create(1000);
    // 0 superblock, 1 index, 2 ref-count root, 3 bitmap (format commits in place).
    for (long b = 0; b < 4; b++) {
      assertEquals(1, s.sm.count(b), "block " + b);
    }
    assertEquals(0, s.sm.count(4));
    Map<Long, Long> decoded = commitAndCheck(s, Map.of());
    assertEquals(4, decoded.size());
    assertEquals(1000, s.sm.nrBlocks());
    assertEquals(996, s.sm.nrFree());
  }

  @Test
  void severalBitmapsAndOverflowCounts() throws IOException {
    long n = 3L * BitmapBlock.ENTRIES_PER_BLOCK + 100;
    MetadataStack s = MetadataStack.create(n);
    commitAndCheck(s, Map.of());
    s.sm.setCount(BitmapBlock.ENTRIES_PER_BLOCK + 3, 2);
    s.sm.setCount(n - 1, 9);
    Map<Long, Long> held = new HashMap<>();
    held.put(BitmapBlock.ENTRIES_PER_BLOCK + 3L, 2L);
    held.put(n - 1, 9L);
    commitAndCheck(s, held);
    long b = allocate(s);
    s.sm.inc(b);
    s.sm.inc(b);
    assertEquals(3, s.sm.count(b));
    assertTrue(s.sm.countIsMoreThanOne(b));
    held.put(b, 3L);
    commitAndCheck(s, held);
    s.sm.dec(b);
    assertEquals(2, s.sm.count(b), "3 -> 2 leaves the ref-count tree");
    held.put(b, 2L);
    commitAndCheck(s, held);
    MetadataStack reopened = MetadataStack.open(s.device, 4096, Bugs.NONE);
    assertEquals(2, reopened.sm.count(b));
    assertEquals(9, reopened.sm.count(n - 1));
    assertEquals(s.sm.nrFree(), reopened.sm.nrFree());
  }

  @Test
  void keptBlocksAreNeitherHandedOutNorCountedFree() throws IOException {
    BitSet kept = new BitSet();
    kept.set(1, 3); // where the format would put its index and ref-count root
    kept.set(6, 40);
    TransactionManager tm = new TransactionManager(new BlockManager(new MemoryBlockDevice(1000)));
    MetadataSpaceMap sm = MetadataSpaceMap.create(tm, 1000, 0, kept);
    assertEquals(1, sm.count(0), "the superblock");
    for (int b = kept.nextSetBit(0); b >= 0; b = kept.nextSetBit(b + 1)) {
      assertEquals(0, sm.count(b), "kept block " + b);
    }
    assertEquals(List.of(3L, 4L, 5L), used(sm, 1, 6), "the format's own blocks skip the kept");
    assertEquals(1000 - 4 - kept.cardinality(), sm.nrFree());
    for (int i = 0; i < 100; i++) {
      try (Block b = tm.newBlock(BTreeNode.VALIDATOR)) {
        assertFalse(kept.get((int) b.location()), "allocated kept block " + b.location());
      }
    }
    BitSet superblock = new BitSet();
    superblock.set(0);
    TransactionManager other =
        new TransactionManager(new BlockManager(new MemoryBlockDevice(1000)));
    assertThrows(
        IllegalArgumentException.class, () -> MetadataSpaceMap.create(other, 1000, 0, superblock));
  }

  private static List<Long> used(MetadataSpaceMap sm, long from, long to) throws IOException {
    List<Long> used = new ArrayList<>();
    for (long b = from; b < to; b++) {
      if (sm.count(b) > 0) {
        used.add(b);
      }
    }
    return used;
  }

  @Test
  void theMapIsCappedAt255Bitmaps() throws IOException {
    MetadataStack s =
        MetadataStack.create(
            new MemoryBlockDevice(MetadataIndexBlock.MAX_METADATA_BLOCKS + 5000), 4096, Bugs.NONE);
    assertEquals(MetadataIndexBlock.MAX_METADATA_BLOCKS, s.sm.nrBlocks());
    commitAndCheck(s, Map.of());
  }

  @Test
  void aDeviceTooSmallForItsOwnSpaceMapIsNoSpace() {
    NoSpaceException e = assertThrows(NoSpaceException.class, () -> MetadataStack.create(3));
    assertEquals(NoSpaceException.Space.METADATA, e.space());
  }

  @Test
  void aRootBeyondWhatTheIndexDescribesIsCorruption() throws IOException {
    MetadataStack s = MetadataStack.create(1000);
    s.commit();
    SpaceMapRoot r = s.committedSpaceMapRoot();
    assertEquals(
        "metadata space map nr_blocks",
        assertThrows(
                CorruptMetadataException.class,
                () ->
                    MetadataSpaceMap.open(
                        s.tm,
                        new SpaceMapRoot(
                            MetadataIndexBlock.MAX_METADATA_BLOCKS + 1,
                            r.nrAllocated(),
                            r.bitmapRoot(),
                            r.refCountRoot())))
            .rule());
    MetadataSpaceMap claimsMore =
        MetadataSpaceMap.open(
            s.tm,
            new SpaceMapRoot(
                3L * BitmapBlock.ENTRIES_PER_BLOCK,
                r.nrAllocated(),
                r.bitmapRoot(),
                r.refCountRoot()));
    // The unused index entries are zero, so the missing bitmap "is" block 0: not a bitmap.
    assertEquals(
        0, assertThrows(CorruptMetadataException.class, () -> claimsMore.count(20_000)).block());
  }

  @Test
  void decrementingAFreeBlockIsCorruption() throws IOException {
    MetadataStack s = MetadataStack.create(1000);
    CorruptMetadataException e = assertThrows(CorruptMetadataException.class, () -> s.sm.dec(500));
    assertEquals(500, e.block());
    assertEquals("metadata ref count", e.rule());
  }

  @Test
  void theMetadataDeviceCannotGrow() throws IOException {
    MetadataStack s = MetadataStack.create(1000);
    assertThrows(UnsupportedOperationException.class, () -> s.sm.extend(10));
  }

  @Test
  void runningOutIsNoSpaceAndFreedBlocksWaitForTheCommit() throws IOException {
    MetadataStack s = MetadataStack.create(300);
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < 300 && s.sm.nrFree() > 5; i++) {
      mine.add(allocate(s));
    }
    Map<Long, Long> held = new HashMap<>();
    for (long b : mine) {
      held.put(b, 1L);
    }
    commitAndCheck(s, held);
    // Free one committed block: it is not reusable until the commit.
    long victim = mine.get(10);
    s.sm.dec(victim);
    held.remove(victim);
    assertEquals(0, s.sm.count(victim));
    for (int i = 0; i < 10 && s.sm.nrFree() > 2; i++) {
      long b = allocate(s);
      assertTrue(b != victim, "the freed block came back before the commit");
      held.put(b, 1L);
    }
    assertEquals(0, s.sm.count(victim));
    commitAndCheck(s, held);
    long b = allocate(s);
    for (int i = 0; i < 300 && b != victim; i++) {
      b = allocate(s);
    }
    assertEquals(victim, b, "free once committed");
    assertThrows(
        NoSpaceException.class,
        () -> {
          for (int i = 0; i < 300; i++) {
            allocate(s);
          }
        });
  }

  @Test
  void aBlockAllocatedAndFreedInTheTransactionIsReusedAfterWrappingAround() throws IOException {
    MetadataStack s = MetadataStack.create(300);
    long first = allocate(s);
    s.sm.dec(first);
    long next = allocate(s);
    for (int i = 0; i < 300 && next != first; i++) {
      next = allocate(s);
    }
    assertEquals(first, next, "handed out again within the transaction");
  }

  /**
   * Recursion: updating the map needs blocks from the map itself (a bitmap shadow, a ref-count
   * node). With thousands of overflow counts the ref-count tree splits again and again while the
   * map is inside its own update; the queued operations must all land, in order.
   */
  @Test
  void nestedOperationsAreQueuedAndAllApplied() throws IOException {
    MetadataStack s = MetadataStack.create(8192);
    Map<Long, Long> held = new HashMap<>();
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 1500; i++) {
      long b = allocate(s);
      long extra = 2 + r.nextInt(3);
      for (int j = 0; j < extra; j++) {
        s.sm.inc(b);
      }
      held.put(b, 1 + extra);
      if (i % 500 == 499) {
        commitAndCheck(s, held);
      }
    }
    for (long b : new ArrayList<>(held.keySet())) {
      if (r.nextBoolean()) {
        s.sm.setCount(b, 0);
        held.remove(b);
      }
    }
    commitAndCheck(s, held);
  }

  @Test
  void seededLostRecursiveAllocationLeavesBlocksUncounted() throws IOException {
    MetadataStack s =
        MetadataStack.create(
            new MemoryBlockDevice(2048), 4096, Bugs.of(PdataBug.LOST_RECURSIVE_ALLOCATION));
    s.commit();
    allocate(s); // shadows the committed bitmap while recursing
    s.commit();
    ExpectedRefCounts refs = new ExpectedRefCounts();
    refs.add(0);
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                refs.assertMatches(
                    new SpaceMapDecoder(s.tm, refs).metadata(s.committedSpaceMapRoot()),
                    "metadata"));
    assertTrue(e.getMessage().contains("expected 1, got 0"), e.getMessage());
  }

  /**
   * The kernel's 2014 bug: queued operations applied last-in first-out. A tree whose nodes are
   * shadowed and freed while the map recurses makes a decrement run before the increment it depends
   * on; FIFO (the correct engine) never does.
   */
  @Test
  void seededLifoBlockOpsBreaksCountsThatFifoKeeps() throws IOException {
    assertFalse(lifoBreaks(Bugs.NONE));
    assertTrue(lifoBreaks(Bugs.of(PdataBug.LIFO_BLOCK_OPS)));
  }

  private static boolean lifoBreaks(Bugs bugs) throws IOException {
    MetadataStack s = MetadataStack.create(new MemoryBlockDevice(4096), 4096, bugs);
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long b = allocate(s);
      s.sm.inc(b);
      s.sm.inc(b);
      mine.add(b);
    }
    try {
      // One removal from the ref-count tree per transaction: the one that merges two leaves
      // shadows both and frees the fresh copy of the right one, all while recursing.
      for (long b : mine) {
        s.commit();
        s.sm.dec(b);
      }
      Map<Long, Long> held = new HashMap<>();
      mine.forEach(b -> held.put(b, 2L));
      commitAndCheck(s, held);
      return false;
    } catch (CorruptMetadataException e) {
      return e.getMessage().contains("below 0");
    }
  }
}
