package io.powercut.pdata.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.pdata.Le;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.TreeRulesWalker;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bottom-up builder: the tree it writes holds exactly what was added, obeys every format rule
 * (the walker checks that no non-root node is under a third full), is counted exactly once in the
 * metadata space map, and is an ordinary tree that later inserts and removes keep valid.
 */
class BTreeBuilderTest {
  /** Entries of a node holding 8-byte values: calcMaxEntries(8). */
  private static final int MAX = 252;

  /** Builds a tree of {@code n} ascending random keys and checks it; returns the model. */
  private static TreeMap<Long, Long> buildAndCheck(
      MetadataStack s, int valueSize, int n, SplittableRandom r) throws IOException {
    TreeMap<Long, Long> model = new TreeMap<>(Long::compareUnsigned);
    long key = r.nextBoolean() ? r.nextLong() >>> 8 : 0;
    BTreeBuilder b = new BTreeBuilder(s.tm, valueSize);
    for (int i = 0; i < n; i++) {
      long v = valueSize < 8 ? r.nextInt() & 0xFFFF_FFFFL : r.nextLong();
      b.add(key, value(valueSize, v), 0);
      model.put(key, v);
      key += 1 + (r.nextInt(4) == 0 ? r.nextInt(1000) : 0);
    }
    assertEquals(n, b.size());
    long root = b.finish();
    BTree tree = new BTree(s.tm, 1, ValueType.opaque(valueSize));
    assertHolds(s, tree, root, valueSize, model);
    return model;
  }

  private static void assertHolds(
      MetadataStack s, BTree tree, long root, int valueSize, Map<Long, Long> model)
      throws IOException {
    TreeAudit.check(s, new TreeRulesWalker.Shape(1, valueSize), root);
    TreeMap<Long, Long> found = new TreeMap<>(Long::compareUnsigned);
    tree.forEach(
        root, (k, d, off) -> found.put(k, valueSize < 8 ? Le.u32(d, off) : Le.u64(d, off)));
    assertEquals(model, found);
    for (Map.Entry<Long, Long> e : model.entrySet()) {
      assertArrayEquals(value(valueSize, e.getValue()), tree.lookup(root, e.getKey()));
      break; // the walk above read every entry; one lookup proves the keys route
    }
  }

  /** A value of {@code size} bytes starting with {@code v} (its low half, for 4-byte values). */
  private static byte[] value(int size, long v) {
    byte[] b = new byte[size];
    if (size < 8) {
      Le.putU32(b, 0, v);
    } else {
      Le.putU64(b, 0, v);
    }
    return b;
  }

  /** Sizes at the edges: empty, one node, one more than a node, the last leaf under a third. */
  @ParameterizedTest
  @ValueSource(
      ints = {
        0,
        1,
        MAX / 3 - 1,
        MAX - 1,
        MAX,
        MAX + 1,
        MAX + MAX / 3 - 1,
        MAX + MAX / 3,
        2 * MAX,
        2 * MAX + 1,
        MAX * MAX,
        MAX * MAX + 1,
        MAX * MAX + MAX + 1,
        MAX * (MAX + 1) + MAX / 3 - 1
      })
  void edgeSizesMakeValidTrees(int n) throws IOException {
    buildAndCheck(MetadataStack.create(2048), 8, n, new SplittableRandom(n));
  }

  @PropertyTest(seeds = 30)
  void randomSizesAndValueSizesMakeValidTrees(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int valueSize = new int[] {4, 8, 16, 24}[r.nextInt(4)];
    int n = r.nextInt(4) == 0 ? r.nextInt(3 * MAX) : r.nextInt(40_000);
    buildAndCheck(MetadataStack.create(2048), valueSize, n, r);
  }

  /** A built tree is an ordinary one: inserts split its full nodes, removes rebalance them. */
  @PropertyTest(seeds = 10)
  void theEngineCanChangeABuiltTree(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    MetadataStack s = MetadataStack.create(4096);
    TreeMap<Long, Long> model = new TreeMap<>(Long::compareUnsigned);
    BTreeBuilder b = new BTreeBuilder(s.tm, 8);
    int n = r.nextInt(3 * MAX * MAX / 2);
    for (long k = 0; k < n; k++) {
      b.add(2 * k, value(8, k), 0);
      model.put(2 * k, k);
    }
    long root = b.finish();
    s.commit(root);
    BTree tree = new BTree(s.tm, 1, ValueType.opaque(8));
    for (int i = 0; i < 2000; i++) {
      long k = r.nextInt(2 * n + 10);
      if (r.nextBoolean()) {
        root = tree.insert(root, new long[] {k}, value(8, ~k)).root();
        model.put(k, ~k);
      } else {
        root = tree.remove(root, new long[] {k}).root();
        model.remove(k);
      }
    }
    assertHolds(s, tree, root, 8, model);
    tree.delete(root);
    s.commit();
    TreeAudit.check(s, new TreeRulesWalker.Shape(1, 8));
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 4})
  void keysMustAscend(long second) throws IOException {
    BTreeBuilder b = new BTreeBuilder(MetadataStack.create(256).tm, 8);
    b.add(5, new byte[8], 0);
    assertThrows(IllegalArgumentException.class, () -> b.add(second, new byte[8], 0));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aBuiltTreeTakesNothingMore(boolean add) throws IOException {
    BTreeBuilder b = new BTreeBuilder(MetadataStack.create(256).tm, 8);
    b.finish();
    assertThrows(
        IllegalStateException.class, add ? () -> b.add(1, new byte[8], 0) : () -> b.finish());
  }

  @org.junit.jupiter.api.Test
  void keysAreUnsigned() throws IOException {
    MetadataStack s = MetadataStack.create(256);
    BTreeBuilder b = new BTreeBuilder(s.tm, 8);
    b.add(1, value(8, 1), 0);
    b.add(-1L, value(8, 2), 0); // 2^64 - 1: above 1 unsigned
    long root = b.finish();
    assertArrayEquals(value(8, 2), new BTree(s.tm, 1, ValueType.opaque(8)).lookup(root, -1L));
  }
}
