package io.powercut.pdata.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.ExpectedRefCounts;
import io.powercut.pdata.Le;
import io.powercut.pdata.MetadataStack;
import io.powercut.pdata.SpaceMapDecoder;
import io.powercut.pdata.TreeRulesWalker;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.property.Gen;
import io.powercut.property.Gens;
import io.powercut.property.junit.Property;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of btree operations against a {@link TreeMap} model: inserts, overwrites and
 * removes (single keys and runs), lookups, findHighestKey, forEach, whole-tree deletes, commits,
 * reopening, and snapshots (a second root sharing the tree, then written to independently). After
 * every step each root must hold exactly its model's entries, every node must obey the format's
 * rules ({@link TreeRulesWalker}), the metadata space map must count exactly the pointers found,
 * and the leaf values' counts (a stand-in for data blocks) must equal the leaf entries that hold
 * them. At commits the committed space map is decoded from its blocks and compared as well.
 */
class BTreeModelTest {
  /** Keys of the first level of a two-level tree, and the single level's tree otherwise. */
  record Key(long k1, long k2) {}

  sealed interface Op permits Put, PutRun, Del, DelRun, Commit, Snapshot, Drop, Reopen {}

  /** Insert or overwrite one key. */
  record Put(int root, long k1, long k2, long value) implements Op {}

  /** Insert {@code count} keys {@code start, start+step, ...}. */
  record PutRun(int root, long k1, long start, int count, long step, long value) implements Op {}

  /** Remove one key, present or not. */
  record Del(int root, long k1, long k2) implements Op {}

  record DelRun(int root, long k1, long start, int count, long step) implements Op {}

  record Commit() implements Op {}

  /** A new root sharing the tree of {@code root}. */
  record Snapshot(int root) implements Op {}

  /** Deletes a whole tree (the last one is replaced by an empty tree). */
  record Drop(int root) implements Op {}

  /** Commits, then opens the metadata afresh from the device. */
  record Reopen() implements Op {}

  /** What a test run varies. */
  record Config(
      int levels,
      int valueSize,
      Gen<Long> keys,
      int maxRun,
      int firstLevelKeys,
      long metadataBlocks,
      int cacheBlocks) {}

  private static final Comparator<Key> UNSIGNED =
      Comparator.<Key, Long>comparing(Key::k1, Long::compareUnsigned)
          .thenComparing(Key::k2, Long::compareUnsigned);

  static Gen<Op> ops(Config c) {
    Gen<Integer> root = Gens.ints(0, 3);
    Gen<Long> k1 = Gens.longs(0, c.firstLevelKeys() - 1);
    Gen<Long> value = Gens.longs(0, 63);
    Gen<Integer> run = Gens.ints(1, c.maxRun());
    Gen<Long> step = Gens.oneOf(1L, 1L, 2L, 3L, 17L, 1000L);
    return Gens.<Op>weighted()
        .add(30, r -> new Put(root.next(r), k1.next(r), c.keys().next(r), value.next(r)))
        .add(
            6,
            r ->
                new PutRun(
                    root.next(r),
                    k1.next(r),
                    c.keys().next(r),
                    run.next(r),
                    step.next(r),
                    value.next(r)))
        .add(20, r -> new Del(root.next(r), k1.next(r), c.keys().next(r)))
        .add(
            6,
            r -> new DelRun(root.next(r), k1.next(r), c.keys().next(r), run.next(r), step.next(r)))
        .add(4, new Commit())
        .add(3, r -> new Snapshot(root.next(r)))
        .add(2, r -> new Drop(root.next(r)))
        .add(1, new Reopen())
        .build();
  }

  /** The engine under test beside its model. */
  static final class Harness {
    final Config config;
    final MemoryBlockDevice device;
    MetadataStack stack;
    BTree tree;
    final CountingValueType counting;
    final List<Long> roots = new ArrayList<>();
    final List<TreeMap<Key, Long>> models = new ArrayList<>();

    Harness(Config config) throws IOException {
      this.config = config;
      this.device = new MemoryBlockDevice(config.metadataBlocks());
      this.stack = MetadataStack.create(device, config.cacheBlocks(), Bugs.NONE);
      this.counting = config.valueSize() == 8 ? new CountingValueType() : null;
      this.tree = newTree();
      roots.add(tree.empty());
      models.add(new TreeMap<>(UNSIGNED));
      check();
    }

    private BTree newTree() {
      ValueType vt = counting != null ? counting : ValueType.opaque(config.valueSize());
      return new BTree(stack.tm, config.levels(), vt);
    }

    long[] keys(Key k) {
      return config.levels() == 1 ? new long[] {k.k2()} : new long[] {k.k1(), k.k2()};
    }

    Key key(long k1, long k2) {
      return new Key(config.levels() == 1 ? 0 : k1, k2);
    }

    byte[] encode(long value) {
      byte[] b = new byte[config.valueSize()];
      for (int off = 0; off < b.length; off++) {
        b[off] = (byte) (value * 31 + off);
      }
      if (b.length >= 8) {
        Le.putU64(b, 0, value);
      }
      return b;
    }

    void apply(Op op) throws IOException {
      if (op instanceof Put p) {
        put(p.root(), key(p.k1(), p.k2()), p.value());
      } else if (op instanceof PutRun p) {
        for (int i = 0; i < p.count(); i++) {
          put(p.root(), key(p.k1(), p.start() + i * p.step()), p.value() + i);
        }
      } else if (op instanceof Del d) {
        del(d.root(), key(d.k1(), d.k2()));
      } else if (op instanceof DelRun d) {
        for (int i = 0; i < d.count(); i++) {
          del(d.root(), key(d.k1(), d.start() + i * d.step()));
        }
      } else if (op instanceof Commit) {
        commit();
      } else if (op instanceof Snapshot s) {
        if (roots.size() < 4) {
          int i = s.root() % roots.size();
          stack.tm.inc(roots.get(i));
          roots.add(roots.get(i));
          models.add(new TreeMap<>(models.get(i)));
        }
      } else if (op instanceof Drop d) {
        int i = d.root() % roots.size();
        tree.delete(roots.get(i));
        if (roots.size() > 1) {
          roots.remove(i);
          models.remove(i);
        } else {
          roots.set(0, tree.empty());
          models.get(0).clear();
        }
      } else if (op instanceof Reopen) {
        commit();
        stack = MetadataStack.open(device, config.cacheBlocks(), Bugs.NONE);
        tree = newTree();
        assertEquals(roots, toList(stack.committedRoots()), "committed roots");
      }
    }

    private void put(int rootIndex, Key k, long value) throws IOException {
      int i = rootIndex % roots.size();
      Long old = models.get(i).put(k, value);
      if (counting != null && (old == null || old != value)) {
        counting.take(value);
      }
      BTree.Insert r = tree.insert(roots.get(i), keys(k), encode(value));
      assertEquals(old == null, r.inserted(), "inserted flag for " + k);
      roots.set(i, r.root());
    }

    private void del(int rootIndex, Key k) throws IOException {
      int i = rootIndex % roots.size();
      boolean present = models.get(i).remove(k) != null;
      long before = roots.get(i);
      BTree.Remove r = tree.remove(before, keys(k));
      assertEquals(present, r.removed(), "removed flag for " + k);
      if (!present) {
        assertEquals(before, r.root(), "removing a missing key changes nothing");
      }
      roots.set(i, r.root());
      assertNull(tree.lookup(r.root(), keys(k)), "lookup after remove of " + k);
    }

    void commit() throws IOException {
      stack.commit(roots.stream().mapToLong(Long::longValue).toArray());
      ExpectedRefCounts refs = new ExpectedRefCounts();
      refs.add(0);
      walkTrees(refs);
      Map<Long, Long> decoded =
          new SpaceMapDecoder(stack.tm, refs).metadata(stack.committedSpaceMapRoot());
      refs.assertMatches(decoded, "committed metadata");
      assertEquals(
          stack.sm.nrBlocks() - decoded.size(), stack.sm.nrFree(), "free blocks after commit");
    }

    private ExpectedRefCounts walkTrees(ExpectedRefCounts refs) throws IOException {
      ExpectedRefCounts values = new ExpectedRefCounts();
      TreeRulesWalker walker = new TreeRulesWalker(stack.tm, refs);
      TreeRulesWalker.Shape shape =
          new TreeRulesWalker.Shape(
              config.levels(), config.valueSize(), (k, d, off) -> values.add(Le.u64(d, off)));
      for (int i = 0; i < roots.size(); i++) {
        walker.walk(roots.get(i), shape, "root " + i);
      }
      return values;
    }

    /** Compares every root with its model and audits every reference. */
    void check() throws IOException {
      TreeRulesWalker.Shape shape = new TreeRulesWalker.Shape(config.levels(), config.valueSize());
      for (int i = 0; i < roots.size(); i++) {
        long root = roots.get(i);
        TreeMap<Key, Long> model = models.get(i);
        List<Key> found = new ArrayList<>();
        for (Map.Entry<List<Long>, byte[]> e :
            TreeRulesWalker.entries(stack.tm, root, shape).entrySet()) {
          List<Long> k = e.getKey();
          Key key = k.size() == 1 ? new Key(0, k.get(0)) : new Key(k.get(0), k.get(1));
          found.add(key);
          Long want = model.get(key);
          assertArrayEquals(
              want == null ? null : encode(want), e.getValue(), "root " + i + " value of " + key);
        }
        assertEquals(new ArrayList<>(model.keySet()), found, "root " + i + " keys in order");
        if (config.levels() == 1) {
          List<Long> visited = new ArrayList<>();
          tree.forEach(root, (k, d, off) -> visited.add(k));
          assertEquals(found.stream().map(Key::k2).toList(), visited, "forEach of root " + i);
          long highest = model.isEmpty() ? -1 : model.lastKey().k2();
          assertEquals(highest, tree.findHighestKey(root), "findHighestKey of root " + i);
        }
        if (!model.isEmpty()) {
          Key first = model.firstKey();
          Key last = model.lastKey();
          assertArrayEquals(encode(model.get(first)), tree.lookup(root, keys(first)));
          assertArrayEquals(encode(model.get(last)), tree.lookup(root, keys(last)));
        }
      }
      ExpectedRefCounts refs = new ExpectedRefCounts();
      refs.add(0);
      ExpectedRefCounts values = walkTrees(refs);
      refs.add(stack.sm.root().bitmapRoot());
      new TreeRulesWalker(stack.tm, refs)
          .walk(stack.sm.root().refCountRoot(), new TreeRulesWalker.Shape(1, 4), "ref counts");
      int bitmaps =
          (int)
              ((stack.sm.nrBlocks() + BitmapBlock.ENTRIES_PER_BLOCK - 1)
                  / BitmapBlock.ENTRIES_PER_BLOCK);
      refs.assertMatches(stack.sm, "metadata", bitmaps);
      if (counting != null) {
        values.assertMatches(counting.counts, "leaf value");
      }
      assertEquals(0, stack.bm.lockedBlocks(), "blocks left locked");
    }
  }

  private static List<Long> toList(long[] a) {
    List<Long> l = new ArrayList<>();
    for (long v : a) {
      l.add(v);
    }
    return l;
  }

  static void run(Config config, List<Op> ops) throws IOException {
    Harness h = new Harness(config);
    for (Op op : ops) {
      h.apply(op);
      h.check();
    }
    h.commit();
  }

  static void check(Config config, int seeds, int maxOps) {
    Property.forAll(Gens.listOf(ops(config), 1, maxOps))
        .seeds(seeds)
        .check((List<Op> ops) -> run(config, ops));
  }

  @Test
  void smallKeySpaceOneLevel() {
    check(new Config(1, 8, Gens.longs(0, 300), 40, 1, 2048, 4096), 100, 60);
  }

  @Test
  void sequentialRunsBuildMultiLevelTrees() {
    check(new Config(1, 8, Gens.longs(0, 4000), 1500, 1, 4096, 4096), 25, 30);
  }

  @Test
  void largeRandomKeysOneLevel() {
    check(new Config(1, 8, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), 300, 1, 4096, 4096), 40, 40);
  }

  @Test
  void threeEntryNodesMakeDeepTrees() {
    // Value size 1000 leaves room for 3 entries a leaf (at least 1 when not a root): depth 3
    // after a few hundred keys, and every rebalance is at its threshold.
    check(new Config(1, 1000, Gens.longs(0, 2000), 400, 1, 4096, 4096), 100, 30);
  }

  @Test
  void nineEntryNodes() {
    check(new Config(1, 400, Gens.longs(0, 1500), 300, 1, 4096, 4096), 100, 30);
  }

  @Test
  void detailsSizedValues() {
    check(new Config(1, 24, Gens.longs(0, 3000), 600, 1, 4096, 4096), 40, 40);
  }

  @Test
  void refCountSizedValues() {
    check(new Config(1, 4, Gens.longs(0, 3000), 800, 1, 4096, 4096), 25, 40);
  }

  @Test
  void twoLevelTrees() {
    check(new Config(2, 8, Gens.longs(0, 600), 300, 5, 4096, 4096), 50, 50);
  }

  @Test
  void twoLevelTreesOfSmallNodesWithATinyCache() {
    check(new Config(2, 400, Gens.longs(0, 500), 200, 3, 4096, 16), 60, 40);
  }
}
