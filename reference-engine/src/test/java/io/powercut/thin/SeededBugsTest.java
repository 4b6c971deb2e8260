package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.FaultyDevice;
import io.powercut.device.IoLog;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.ExpectedRefCounts;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.SeededBug;
import io.powercut.pdata.TreeRulesWalker;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.ValueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each seeded bug does what its description says in the situation it targets, and the correct
 * engine never does: one scenario per bug of the {@link BugCatalog}, run with the bug on (it must
 * misbehave) and off (it must not). Whether the model checker catches each one is tested elsewhere.
 */
class SeededBugsTest {
  /** A situation a bug targets: returns whether the engine misbehaved in it. */
  @FunctionalInterface
  interface Scenario {
    boolean misbehaves(Bugs bugs) throws IOException;
  }

  static final long DATA = 1000;

  static PoolMetadata pool(BlockDevice device, Bugs bugs) throws IOException {
    return PoolMetadata.create(device, new PoolMetadata.Format(128, DATA), bugs, 4096);
  }

  /** Whether the committed image on {@code device} fails the strict audit. */
  static boolean auditFails(BlockDevice device) throws IOException {
    try {
      PoolAudit.audit(device, Set.of());
      return false;
    } catch (AssertionError | CorruptMetadataException e) {
      return true;
    }
  }

  static void mapRun(PoolMetadata p, long dev, long from, long count) throws IOException {
    for (long v = from; v < from + count; v++) {
      p.insertBlock(dev, v, p.allocDataBlock());
    }
  }

  /** A device 0 with {@code n} mappings, committed, and a committed snapshot 1 of it. */
  static PoolMetadata snapshotted(BlockDevice d, Bugs bugs, int n) throws IOException {
    PoolMetadata p = pool(d, bugs);
    p.createThin(0);
    mapRun(p, 0, 0, n);
    p.commit();
    p.createSnapshot(1, 0);
    p.commit();
    return p;
  }

  /** The index in the log of the last write of block 0, or -1. */
  static int lastSuperblockWrite(IoLog log) {
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.isWrite(i) && log.block(i) == 0) {
        return i;
      }
    }
    return -1;
  }

  static final Map<SeededBug, Scenario> SCENARIOS = new HashMap<>();

  static {
    SCENARIOS.put(
        PdataBug.SUPERBLOCK_BEFORE_FLUSH,
        bugs -> {
          FaultyDevice d = new FaultyDevice(new MemoryBlockDevice(2048));
          PoolMetadata p = pool(d, bugs);
          int from = d.log().size();
          p.createThin(0);
          p.commit();
          IoLog log = d.log();
          int sb = lastSuperblockWrite(log);
          // Some block of the commit was written after the last flush before the superblock.
          for (int i = sb - 1; i >= from; i--) {
            if (log.kind(i) == IoLog.Kind.FLUSH) {
              return false;
            }
            if (log.isWrite(i)) {
              return true;
            }
          }
          return false;
        });
    SCENARIOS.put(
        PdataBug.SUPERBLOCK_NOT_FLUSHED,
        bugs -> {
          FaultyDevice d = new FaultyDevice(new MemoryBlockDevice(2048));
          PoolMetadata p = pool(d, bugs);
          p.createThin(0);
          p.commit();
          return d.unflushedWrites() > 0;
        });
    SCENARIOS.put(
        PdataBug.REUSE_FREED_BLOCK,
        bugs -> {
          PoolMetadata p =
              PoolMetadata.create(
                  new MemoryBlockDevice(2048), new PoolMetadata.Format(128, 3), bugs, 4096);
          p.createThin(0);
          mapRun(p, 0, 0, 3);
          p.commit();
          long freed = p.findBlock(0, 1).dataBlock();
          p.removeBlock(0, 1);
          try {
            return p.allocDataBlock() == freed;
          } catch (NoSpaceException e) {
            return false;
          }
        });
    SCENARIOS.put(
        PdataBug.SHADOW_SHARED_IN_PLACE,
        bugs -> {
          // A snapshot taken in the same transaction shares a root that is already a shadow.
          PoolMetadata p = pool(new MemoryBlockDevice(2048), bugs);
          p.createThin(0);
          mapRun(p, 0, 0, 5);
          p.createSnapshot(1, 0);
          p.insertBlock(0, 100, p.allocDataBlock());
          return p.findBlock(1, 100) != null;
        });
    SCENARIOS.put(
        PdataBug.NO_INC_CHILDREN,
        bugs -> {
          // Writing to the origin copies the shared leaf: its data blocks gain a second leaf.
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = snapshotted(d, bugs, 10);
          p.insertBlock(0, 100, p.allocDataBlock());
          p.commit();
          return auditFails(d);
        });
    SCENARIOS.put(
        PdataBug.DEC_BEFORE_SHARED_CHECK,
        bugs -> {
          // The shared leaf has exactly two parents: asked after the dec, it looks private.
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = snapshotted(d, bugs, 10);
          p.insertBlock(0, 100, p.allocDataBlock());
          p.commit();
          return auditFails(d);
        });
    SCENARIOS.put(
        PdataBug.REMOVE_SKIPS_LEAF_INC,
        bugs -> {
          // 600 mappings make leaves under an internal root; a removal on the origin rebalances
          // (and so copies) shared leaves.
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = snapshotted(d, bugs, 600);
          p.removeBlock(0, 300);
          p.commit();
          return auditFails(d);
        });
    SCENARIOS.put(PdataBug.LIFO_BLOCK_OPS, SeededBugsTest::refCountTreeMergeBreaks);
    SCENARIOS.put(
        PdataBug.LOST_RECURSIVE_ALLOCATION,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.createThin(0);
          p.commit();
          return auditFails(d);
        });
    SCENARIOS.put(
        PdataBug.INDEX_NR_FREE_STALE,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.createThin(0);
          mapRun(p, 0, 0, 3);
          p.commit();
          return auditFails(d);
        });
    SCENARIOS.put(
        ThinBug.DETAILS_NOT_WRITTEN,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.createThin(0);
          p.close();
          return !PoolMetadata.open(d).deviceExists(0);
        });
    SCENARIOS.put(
        ThinBug.SNAPSHOT_KEEPS_TIME,
        bugs -> {
          PoolMetadata p = pool(new MemoryBlockDevice(2048), bugs);
          p.createThin(0);
          mapRun(p, 0, 0, 1);
          p.createSnapshot(1, 0);
          return !p.findBlock(0, 0).shared() || !p.findBlock(1, 0).shared();
        });
    SCENARIOS.put(
        ThinBug.DELETE_LEAKS_SUBTREE,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.createThin(0);
          mapRun(p, 0, 0, 20);
          p.commit();
          p.deleteDevice(0);
          p.commit();
          return auditFails(d);
        });
    SCENARIOS.put(PdataBug.REBALANCE_DROPS_ENTRY, bugs -> !removalsFrom9EntryNodes(bugs).isEmpty());
    SCENARIOS.put(PdataBug.REBALANCE_UNDERFULL, SeededBugsTest::removalsLeaveAnUnderfullNode);
    SCENARIOS.put(
        PdataBug.SPLIT_LOSES_MIN_KEY,
        bugs -> {
          PoolMetadata p = pool(new MemoryBlockDevice(2048), bugs);
          p.createThin(0);
          mapRun(p, 0, 100, 252); // a full root leaf
          p.insertBlock(0, 5, p.allocDataBlock());
          return p.findBlock(0, 5) == null;
        });
    SCENARIOS.put(
        ThinBug.TRANSACTION_ID_IN_PLACE,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.setTransactionId(0, 7);
          // Power cut: nothing was committed.
          return PoolMetadata.open(d).transactionId() == 7;
        });
    SCENARIOS.put(
        ThinBug.RELEASE_SNAP_LEAKS,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.createThin(0);
          mapRun(p, 0, 0, 20);
          p.reserveMetadataSnapshot();
          mapRun(p, 0, 20, 5);
          p.releaseMetadataSnapshot();
          return auditFails(d);
        });
    SCENARIOS.put(
        ThinBug.METADATA_SNAP_UNCOMMITTED,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.createThin(0);
          mapRun(p, 0, 0, 20);
          p.commit();
          mapRun(p, 0, 20, 5); // shadows the committed roots the snapshot will hold
          p.reserveMetadataSnapshot();
          return auditFails(d);
        });
    SCENARIOS.put(
        ThinBug.DATA_RESIZE_NOT_PERSISTED,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.resizeDataDevice(2 * DATA);
          p.close();
          return PoolMetadata.open(d).dataDeviceSize() != 2 * DATA;
        });
    SCENARIOS.put(
        ThinBug.CHECKSUM_BEFORE_LAST_FIELD,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.setTransactionId(0, 7);
          p.close();
          try {
            return PoolMetadata.open(d).transactionId() != 7;
          } catch (CorruptMetadataException e) {
            return e.rule().equals("superblock checksum");
          }
        });
    SCENARIOS.put(
        PdataBug.BLOCKNR_NOT_STAMPED,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          pool(d, bugs).close();
          try {
            PoolMetadata.open(d).createThin(0);
            return auditFails(d);
          } catch (CorruptMetadataException e) {
            return e.rule().endsWith("block number");
          }
        });
    SCENARIOS.put(
        PdataBug.FREE_DATA_COUNT_OFF_BY_ONE,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          long before = p.freeDataBlocks();
          p.allocDataBlock();
          return p.freeDataBlocks() != before - 1;
        });
    SCENARIOS.put(
        PdataBug.FREE_METADATA_COUNT_STALE,
        bugs -> {
          MemoryBlockDevice d = new MemoryBlockDevice(2048);
          PoolMetadata p = pool(d, bugs);
          p.commit();
          long before = p.freeMetadataBlocks();
          p.createThin(0); // allocates the device's empty leaf at least
          return p.freeMetadataBlocks() >= before;
        });
  }

  /**
   * A ref-count-tree merge in a fresh transaction: it shadows both leaves and frees the fresh copy
   * of the right one while the metadata space map recurses, so its decrement is queued after the
   * increment it depends on. Applied last-in first-out, it runs first, below zero.
   */
  static boolean refCountTreeMergeBreaks(Bugs bugs) throws IOException {
    MetadataStack s = MetadataStack.create(new MemoryBlockDevice(4096), 4096, bugs);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(8));
    List<Long> blocks = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long b = t.empty();
      s.tm.inc(b);
      s.tm.inc(b);
      blocks.add(b);
    }
    try {
      for (long b : blocks) {
        s.commit();
        s.tm.dec(b);
      }
      return false;
    } catch (CorruptMetadataException e) {
      return true;
    }
  }

  /** Removes 1500 keys in a seeded order from a tree of nine-entry nodes; returns lost keys. */
  static List<Long> removalsFrom9EntryNodes(Bugs bugs) throws IOException {
    MetadataStack s = MetadataStack.create(new MemoryBlockDevice(8192), 4096, bugs);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(400));
    long root = t.empty();
    List<Long> keys = new ArrayList<>();
    for (long k = 0; k < 1500; k++) {
      root = t.insert(root, new long[] {k}, new byte[400]).root();
      keys.add(k);
    }
    Collections.shuffle(keys, new Random(1));
    TreeMap<Long, Boolean> present = new TreeMap<>();
    keys.forEach(k -> present.put(k, true));
    List<Long> lost = new ArrayList<>();
    for (long k : keys.subList(0, 1400)) {
      if (t.lookup(root, k) == null) {
        lost.add(k);
        continue;
      }
      try {
        root = t.remove(root, new long[] {k}).root();
      } catch (IllegalStateException e) {
        lost.add(k); // dropped by the very rebalance that prepared its removal
        return lost;
      }
      present.remove(k);
    }
    for (long k : present.keySet()) {
      if (t.lookup(root, k) == null) {
        lost.add(k);
      }
    }
    return lost;
  }

  /**
   * Three-entry leaves [0,1] and [2], then removing 0: three entries fit one node, so the two must
   * merge; the pre-2019 threshold splits them 1/2 instead and the removal empties the left one.
   */
  static boolean removalsLeaveAnUnderfullNode(Bugs bugs) throws IOException {
    MetadataStack s = MetadataStack.create(new MemoryBlockDevice(2048), 4096, bugs);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(1000));
    long root = t.empty();
    for (long k = 0; k < 4; k++) {
      root = t.insert(root, new long[] {k}, new byte[1000]).root();
    }
    root = t.remove(root, new long[] {3}).root();
    root = t.remove(root, new long[] {0}).root();
    try {
      new TreeRulesWalker(s.tm, new ExpectedRefCounts())
          .walk(root, new TreeRulesWalker.Shape(1, 1000), "tree");
      return false;
    } catch (AssertionError e) {
      return e.getMessage().contains("entries, at least");
    }
  }

  static List<SeededBug> catalog() {
    return BugCatalog.ALL;
  }

  @Test
  void theCatalogListsEveryBugOfBothLayersOnceInItsStableOrder() {
    assertEquals(
        List.of(
            "superblock-before-flush",
            "superblock-not-flushed",
            "reuse-freed-block",
            "dec-before-shared-check",
            "shadow-shared-in-place",
            "no-inc-children",
            "remove-skips-leaf-inc",
            "lifo-block-ops",
            "lost-recursive-allocation",
            "index-nr-free-stale",
            "details-not-written",
            "snapshot-keeps-time",
            "delete-leaks-subtree",
            "rebalance-drops-entry",
            "rebalance-underfull",
            "split-loses-min-key",
            "transaction-id-in-place",
            "release-snap-leaks",
            "metadata-snap-uncommitted",
            "data-resize-not-persisted",
            "checksum-before-last-field",
            "blocknr-not-stamped",
            "free-data-count-off-by-one",
            "free-metadata-count-stale"),
        BugCatalog.ALL.stream().map(SeededBug::id).toList(),
        "the CLI, the README tables and the hunt list bugs in this order");
    Set<SeededBug> both = new HashSet<>(List.of(PdataBug.values()));
    both.addAll(List.of(ThinBug.values()));
    assertEquals(both, Set.copyOf(BugCatalog.ALL));
  }

  @Test
  void idListsParseInTheGivenOrderAndSetsInCatalogOrder() {
    assertEquals(
        List.of(ThinBug.DETAILS_NOT_WRITTEN, PdataBug.SUPERBLOCK_BEFORE_FLUSH),
        BugCatalog.byIds("details-not-written, superblock-before-flush"));
    assertEquals(
        "superblock-before-flush,details-not-written",
        BugCatalog.bugs("details-not-written,superblock-before-flush").toString());
    assertEquals(Bugs.NONE, BugCatalog.bugs("none"));
    assertEquals(Bugs.NONE, BugCatalog.bugs(""));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> BugCatalog.byIds("superblock-before-flush,nope"));
    assertTrue(e.getMessage().startsWith("unknown bug 'nope' (known: superblock-before-flush, "));
  }

  @Test
  void everySeededBugHasAScenario() {
    assertEquals(Set.copyOf(BugCatalog.ALL), SCENARIOS.keySet());
    assertTrue(Bugs.NONE.isEmpty());
    assertEquals("none", Bugs.NONE.toString());
  }

  @ParameterizedTest
  @MethodSource("catalog")
  void theSwitchMisbehavesInItsSituationAndTheCorrectEngineDoesNot(SeededBug bug)
      throws IOException {
    Scenario s = SCENARIOS.get(bug);
    assertNotNull(s, "no scenario for " + bug);
    assertFalse(s.misbehaves(Bugs.NONE), "the correct engine misbehaves in " + bug + "'s scenario");
    assertTrue(s.misbehaves(Bugs.of(bug)), bug + " (" + bug.description() + ") changed nothing");
  }

  @ParameterizedTest
  @MethodSource("catalog")
  void everyBugHasAnIdDescriptionAndOrigin(SeededBug bug) {
    assertEquals(bug, BugCatalog.byId(bug.id()));
    assertTrue(bug.id().matches("[a-z]+(-[a-z]+)*"), bug.id());
    assertFalse(bug.description().isBlank());
    assertFalse(bug.mirrors().isBlank());
    assertTrue(Bugs.of(bug).has(bug));
    assertEquals(Set.of(bug), Bugs.of(Set.of(bug)).asSet());
    assertEquals(bug.id(), Bugs.of(bug).toString());
  }

  @Test
  void unknownBugIdsAreRejected() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> BugCatalog.byId("no-such-bug"));
    assertTrue(e.getMessage().contains("no-such-bug"));
    assertEquals(Set.of(), Bugs.of(Set.of()).asSet());
    assertEquals(Bugs.NONE, Bugs.of(Set.of()));
  }
}
