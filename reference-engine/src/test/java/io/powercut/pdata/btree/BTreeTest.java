package io.powercut.pdata.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.TreeRulesWalker;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Targeted btree scenarios: depth, error paths, seeded bugs and the departures from the kernel. */
class BTreeTest {
  static final int BIG = 1000; // three entries a leaf, at least one when not a root
  static final TreeRulesWalker.Shape BIG_SHAPE = new TreeRulesWalker.Shape(1, BIG);

  static byte[] value(int size, long v) {
    byte[] b = new byte[size];
    Le.putU64(b, 0, v);
    return b;
  }

  static long insertAll(BTree t, long root, int size, long from, long to) throws IOException {
    for (long k = from; k < to; k++) {
      root = t.insert(root, new long[] {k}, value(size, k)).root();
    }
    return root;
  }

  static int depth(TransactionManager tm, long root) throws IOException {
    int depth = 1;
    byte[] d = TreeRulesWalker.read(tm, root);
    while (BTreeNode.isInternal(d)) {
      d = TreeRulesWalker.read(tm, BTreeNode.value64(d, 0));
      depth++;
    }
    return depth;
  }

  @Test
  void maxEntriesPerValueSize() {
    assertEquals(252, BTreeNode.calcMaxEntries(8));
    assertEquals(126, BTreeNode.calcMaxEntries(24));
    assertEquals(168, BTreeNode.calcMaxEntries(16));
    assertEquals(336, BTreeNode.calcMaxEntries(4));
    assertEquals(3, BTreeNode.calcMaxEntries(BIG));
  }

  @Test
  void growsToThreeLevelsAndShrinksBackToAnEmptyLeaf() throws IOException {
    MetadataStack s = MetadataStack.create(8192);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(BIG));
    long root = insertAll(t, t.empty(), BIG, 0, 1200);
    assertTrue(depth(s.tm, root) >= 3, "depth " + depth(s.tm, root));
    TreeAudit.check(s, BIG_SHAPE, root);
    s.commit(root);
    SplittableRandom r = new SplittableRandom(3);
    List<Long> keys = new ArrayList<>();
    for (long k = 0; k < 1200; k++) {
      keys.add(k);
    }
    for (int i = keys.size() - 1; i > 0; i--) {
      java.util.Collections.swap(keys, i, r.nextInt(i + 1));
    }
    for (int i = 0; i < keys.size(); i++) {
      BTree.Remove rm = t.remove(root, new long[] {keys.get(i)});
      assertTrue(rm.removed());
      root = rm.root();
      if (i % 97 == 0) {
        TreeAudit.check(s, BIG_SHAPE, root);
      }
    }
    byte[] d = TreeRulesWalker.read(s.tm, root);
    assertTrue(BTreeNode.isLeaf(d));
    assertEquals(0, BTreeNode.nrEntries(d));
    assertEquals(-1, t.findHighestKey(root));
    TreeAudit.check(s, BIG_SHAPE, root);
  }

  @Test
  void removingAMissingKeyChangesNothing() throws IOException {
    MetadataStack s = MetadataStack.create(2048);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(8));
    long root = insertAll(t, t.empty(), 8, 0, 300);
    s.commit(root);
    long free = s.sm.nrFree();
    BTree.Remove rm = t.remove(root, new long[] {1000});
    assertFalse(rm.removed());
    assertEquals(root, rm.root());
    assertEquals(free, s.sm.nrFree(), "nothing shadowed");
  }

  @Test
  void overwriteKeepsAnEqualValuesReference() throws IOException {
    MetadataStack s = MetadataStack.create(2048);
    CountingValueType vt = new CountingValueType();
    BTree t = new BTree(s.tm, 1, vt);
    vt.take(7);
    long root = t.insert(t.empty(), new long[] {1}, value(8, 7)).root();
    BTree.Insert same = t.insert(root, new long[] {1}, value(8, 7));
    assertFalse(same.inserted());
    assertEquals(1, vt.counts.get(7L), "equal value: the old reference stays");
    vt.take(8);
    t.insert(same.root(), new long[] {1}, value(8, 8));
    assertEquals(0, vt.counts.get(7L), "replaced value released");
    assertEquals(1, vt.counts.get(8L));
  }

  @Test
  void blockReferenceValuesAddAndReleaseMetadataReferences() throws IOException {
    MetadataStack s = MetadataStack.create(2048);
    BTree t = new BTree(s.tm, 1, new BlockRefValueType(s.tm));
    BTree leaves = new BTree(s.tm, 1, ValueType.opaque(8));
    long target = leaves.empty();
    s.tm.inc(target); // the reference the tree will hold
    long root = t.insert(t.empty(), new long[] {1}, value(8, target)).root();
    assertEquals(2, s.tm.refCount(target));
    s.commit(root, target);
    s.tm.inc(root); // share the root: a write copies it and its values gain a reference
    s.tm.inc(target); // the caller's reference for the new value
    long copy = t.insert(root, new long[] {2}, value(8, target)).root();
    assertEquals(4, s.tm.refCount(target), "its own, the old leaf's, the copy's two");
    copy = t.remove(copy, new long[] {1}).root();
    assertEquals(3, s.tm.refCount(target), "a removed value is released");
    copy = t.remove(copy, new long[] {2}).root();
    assertEquals(2, s.tm.refCount(target), "its own and the shared original leaf's");
    assertEquals(-1, t.findHighestKey(copy));
    assertEquals(1, t.findHighestKey(root), "the original is untouched");
  }

  @Test
  void unsignedKeyOrder() throws IOException {
    MetadataStack s = MetadataStack.create(2048);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(8));
    long root = t.empty();
    long[] keys = {-1L, Long.MIN_VALUE, 0, Long.MAX_VALUE, 5};
    for (long k : keys) {
      root = t.insert(root, new long[] {k}, value(8, k)).root();
    }
    List<Long> order = new ArrayList<>();
    t.forEach(root, (k, d, off) -> order.add(k));
    assertEquals(List.of(0L, 5L, Long.MAX_VALUE, Long.MIN_VALUE, -1L), order);
    assertEquals(-1L, t.findHighestKey(root), "the highest unsigned key, 2^64-1");
    assertArrayEquals(value(8, Long.MIN_VALUE), t.lookup(root, Long.MIN_VALUE));
    assertNull(t.lookup(root, 6));
  }

  @Test
  void argumentsAreChecked() throws IOException {
    MetadataStack s = MetadataStack.create(2048);
    assertThrows(IllegalArgumentException.class, () -> new BTree(s.tm, 0, ValueType.opaque(8)));
    BTree one = new BTree(s.tm, 1, ValueType.opaque(8));
    BTree two = new BTree(s.tm, 2, ValueType.opaque(8));
    long root = one.empty();
    assertThrows(
        IllegalArgumentException.class, () -> one.insert(root, new long[] {1}, new byte[4]));
    assertThrows(IllegalArgumentException.class, () -> one.lookup(root, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> two.remove(root, new long[] {1}));
    assertThrows(IllegalStateException.class, () -> two.forEach(root, (k, d, off) -> {}));
  }

  @Test
  void nonBlockingLookupNeverReads() throws Exception {
    MemoryBlockDevice dev = new MemoryBlockDevice(2048);
    MetadataStack s = MetadataStack.create(dev, 4096, Bugs.NONE);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(8));
    long root = insertAll(t, t.empty(), 8, 0, 1000);
    s.commit(root);
    assertArrayEquals(value(8, 500), t.lookupNonBlocking(root, 500), "cached");
    assertNull(t.lookupNonBlocking(root, 5000));
    MetadataStack cold = MetadataStack.open(dev, 4096, Bugs.NONE);
    BTree coldTree = new BTree(cold.tm, 1, ValueType.opaque(8));
    assertThrows(WouldBlockException.class, () -> coldTree.lookupNonBlocking(root, 500));
    assertArrayEquals(value(8, 500), coldTree.lookup(root, 500));
    assertArrayEquals(value(8, 500), coldTree.lookupNonBlocking(root, 500), "now cached");
  }

  /** Writes raw node bytes at {@code b}, as corruption would. */
  static void overwrite(MetadataStack s, long b, java.util.function.Consumer<byte[]> change)
      throws IOException {
    try (Block block = s.bm.write(b, BTreeNode.VALIDATOR)) {
      change.accept(block.data());
    }
  }

  @Test
  void aCycleIsCorruptionNotAHang() throws IOException {
    MetadataStack s = MetadataStack.create(2048);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(8));
    long root = insertAll(t, t.empty(), 8, 0, 600);
    s.commit(root);
    long child = BTreeNode.value64(TreeRulesWalker.read(s.tm, root), 1);
    overwrite(
        s,
        child,
        d -> {
          BTreeNode.init(d, BTreeNode.INTERNAL, 8);
          BTreeNode.setNrEntries(d, 1);
          BTreeNode.setKey(d, 0, 130);
          BTreeNode.setValue64(d, 0, root);
        });
    CorruptMetadataException walk =
        assertThrows(CorruptMetadataException.class, () -> t.forEach(root, (k, d, off) -> {}));
    assertEquals("btree node reached twice", walk.rule());
    CorruptMetadataException lookup =
        assertThrows(CorruptMetadataException.class, () -> t.lookup(root, 200));
    assertEquals("btree depth", lookup.rule());
    assertThrows(
        CorruptMetadataException.class, () -> t.insert(root, new long[] {200}, value(8, 1)));
    assertThrows(CorruptMetadataException.class, () -> t.delete(root));
    assertEquals(0, s.bm.lockedBlocks(), "errors release their locks");
  }

  @Test
  void nodeShapeRulesAreCorruption() throws IOException {
    MetadataStack s = MetadataStack.create(2048);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(8));
    long leaf = t.empty();
    overwrite(s, leaf, d -> Le.putU32(d, BTreeNode.VALUE_SIZE, 16));
    assertEquals(
        "leaf value size",
        assertThrows(CorruptMetadataException.class, () -> t.lookup(leaf, 1)).rule());
    overwrite(s, leaf, d -> BTreeNode.init(d, BTreeNode.INTERNAL, 16));
    assertEquals(
        "internal node value size",
        assertThrows(CorruptMetadataException.class, () -> t.lookup(leaf, 1)).rule());
    overwrite(s, leaf, d -> BTreeNode.init(d, BTreeNode.INTERNAL, 8));
    assertEquals(
        "internal node entries",
        assertThrows(CorruptMetadataException.class, () -> t.findHighestKey(leaf)).rule());
    overwrite(
        s,
        leaf,
        d -> {
          BTreeNode.init(d, BTreeNode.LEAF, 8);
          Le.putU32(d, BTreeNode.MAX_ENTRIES, 2);
        });
    assertEquals(
        "btree node max_entries",
        assertThrows(CorruptMetadataException.class, () -> t.lookup(leaf, 1)).rule());
    assertEquals(0, s.bm.lockedBlocks());
  }

  @Test
  void nodeEditsRejectOutOfRangeIndexes() {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    BTreeNode.init(d, BTreeNode.LEAF, BIG);
    byte[] v = new byte[BIG];
    assertThrows(IllegalStateException.class, () -> BTreeNode.insertAt(d, 1, 5, v, 0));
    BTreeNode.insertAt(d, 0, 5, v, 0);
    BTreeNode.insertAt(d, 0, 3, v, 0);
    BTreeNode.insertAt(d, 2, 9, v, 0);
    assertThrows(IllegalStateException.class, () -> BTreeNode.insertAt(d, 0, 1, v, 0), "full");
    assertEquals(1, BTreeNode.lowerBound(d, 5));
    assertEquals(1, BTreeNode.lowerBound(d, 6));
    assertEquals(-1, BTreeNode.lowerBound(d, 2));
    assertEquals(2, BTreeNode.upperBound(d, 6));
    assertEquals(3, BTreeNode.upperBound(d, 10));
    assertThrows(IllegalStateException.class, () -> BTreeNode.deleteAt(d, 3));
    BTreeNode.deleteAt(d, 0);
    assertEquals(5, BTreeNode.key(d, 0));
    assertEquals(9, BTreeNode.key(d, 1));
  }

  @Test
  void aNewMinimumAfterARootSplitIsFound() throws IOException {
    assertTrue(newMinimumFoundAfterRootSplit(Bugs.NONE));
    assertFalse(
        newMinimumFoundAfterRootSplit(Bugs.of(PdataBug.SPLIT_LOSES_MIN_KEY)),
        "the seeded bug loses the key");
  }

  private static boolean newMinimumFoundAfterRootSplit(Bugs bugs) throws IOException {
    MetadataStack s = MetadataStack.create(new MemoryBlockDevice(2048), 4096, bugs);
    BTree t = new BTree(s.tm, 1, ValueType.opaque(8));
    long root = insertAll(t, t.empty(), 8, 100, 100 + 252); // a full root leaf
    root = t.insert(root, new long[] {5}, value(8, 5)).root();
    return t.lookup(root, 5) != null;
  }
}
