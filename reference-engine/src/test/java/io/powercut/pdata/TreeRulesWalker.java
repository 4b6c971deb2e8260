package io.powercut.pdata;

import static org.junit.jupiter.api.Assertions.fail;

import io.powercut.pdata.block.Block;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A test-side btree walker, written from the format rules rather than from the engine: it checks
 * every node as thin_check 1.x does and counts each pointer into an {@link ExpectedRefCounts}. Each
 * distinct node is explored once (its leaf values counted once), however many parents share it;
 * checks that depend on the parent (occupancy, key range) run for every reference.
 *
 * <p>Rules checked: node type, value size, {@code max_entries == calcMaxEntries(value size)},
 * {@code nr_entries <= max_entries}, internal nodes non-empty, keys strictly increasing, non-root
 * nodes at least a third full, parent key {@code <=} the child's first key, every key of a child's
 * subtree below the next parent key, all leaves of a tree at the same depth, and no cycles.
 */
public final class TreeRulesWalker {
  /** Receives the last-level leaf values of each distinct leaf node. */
  @FunctionalInterface
  public interface LeafValues {
    void visit(long key, byte[] node, int valueOffset) throws IOException;
  }

  /** A tree's shape: its number of levels and the size of its last level's values. */
  public record Shape(int levels, int valueSize, LeafValues values) {
    public Shape(int levels, int valueSize) {
      this(levels, valueSize, null);
    }
  }

  private record Summary(int nr, int max, long firstKey, long minKey, long maxKey, int height) {}

  private static final Summary EXPLORING = new Summary(-1, 0, 0, 0, 0, 0);

  private final TransactionManager tm;
  private final ExpectedRefCounts refs;
  private final Map<Long, Summary> seen = new HashMap<>();
  private boolean occupancy = true;

  public TreeRulesWalker(TransactionManager tm, ExpectedRefCounts refs) {
    this.tm = tm;
    this.refs = refs;
  }

  /** Skips the max/3 occupancy rule, for trees that were under-full to begin with. */
  public TreeRulesWalker allowUnderfull() {
    occupancy = false;
    return this;
  }

  /** Walks the tree at {@code root}, counting the one reference that holds it. */
  public void walk(long root, Shape shape, String name) throws IOException {
    refs.add(root);
    visit(root, shape, 0, null, false, 0, false, 0, name);
  }

  /** Every entry of a (possibly multi-level) tree: the keys of each level, then the value. */
  public static Map<java.util.List<Long>, byte[]> entries(
      TransactionManager tm, long root, Shape shape) throws IOException {
    Map<java.util.List<Long>, byte[]> out = new java.util.LinkedHashMap<>();
    collect(tm, root, shape, 0, new Long[0], out, 0);
    return out;
  }

  private static void collect(
      TransactionManager tm,
      long b,
      Shape shape,
      int level,
      Long[] prefix,
      Map<java.util.List<Long>, byte[]> out,
      int depth)
      throws IOException {
    if (depth > 64) {
      fail("tree deeper than 64 at block " + b);
    }
    byte[] d = read(tm, b);
    int nr = BTreeNode.nrEntries(d);
    boolean last = level == shape.levels() - 1;
    for (int i = 0; i < nr; i++) {
      if (BTreeNode.isInternal(d)) {
        collect(tm, BTreeNode.value64(d, i), shape, level, prefix, out, depth + 1);
      } else {
        Long[] keys = Arrays.copyOf(prefix, prefix.length + 1);
        keys[prefix.length] = BTreeNode.key(d, i);
        if (last) {
          int off = BTreeNode.valueOffset(d, i);
          out.put(java.util.List.of(keys), Arrays.copyOfRange(d, off, off + shape.valueSize()));
        } else {
          collect(tm, BTreeNode.value64(d, i), shape, level + 1, keys, out, depth + 1);
        }
      }
    }
  }

  private int visit(
      long b,
      Shape shape,
      int level,
      Long parentKey,
      boolean nonRoot,
      long hi,
      boolean hasHi,
      int depth,
      String path)
      throws IOException {
    if (depth > 64) {
      fail(path + ": deeper than 64 levels at block " + b);
    }
    Summary s = seen.get(b);
    if (s == EXPLORING) {
      fail(path + ": cycle through block " + b);
    }
    if (s == null) {
      seen.put(b, EXPLORING);
      s = explore(b, shape, level, depth, path);
      seen.put(b, s);
    }
    if (occupancy && nonRoot && s.nr < s.max / 3) {
      fail(path + ": block " + b + " has " + s.nr + " entries, at least " + s.max / 3 + " needed");
    }
    if (parentKey != null && Long.compareUnsigned(parentKey, s.firstKey) > 0) {
      fail(path + ": parent key " + parentKey + " > first key " + s.firstKey + " of block " + b);
    }
    if (hasHi && s.nr > 0 && Long.compareUnsigned(s.maxKey, hi) >= 0) {
      fail(path + ": block " + b + " holds key " + s.maxKey + ", not below next parent key " + hi);
    }
    return s.height;
  }

  private Summary explore(long b, Shape shape, int level, int depth, String path)
      throws IOException {
    byte[] d = read(tm, b);
    String at = path + " > block " + b;
    int flags = BTreeNode.flags(d);
    boolean lastLevel = level == shape.levels() - 1;
    int vs = BTreeNode.valueSize(d);
    int nr = BTreeNode.nrEntries(d);
    int max = BTreeNode.maxEntries(d);
    if (flags == BTreeNode.INTERNAL) {
      expect(vs == 8, at, "internal value size " + vs);
      expect(nr >= 1, at, "empty internal node");
    } else {
      expect(flags == BTreeNode.LEAF, at, "flags " + flags);
      int want = lastLevel ? shape.valueSize() : 8;
      expect(vs == want, at, "leaf value size " + vs + ", expected " + want);
    }
    expect(max == BTreeNode.calcMaxEntries(vs), at, "max_entries " + max + " for value size " + vs);
    expect(nr <= max, at, "nr_entries " + nr + " > max_entries " + max);
    for (int i = 1; i < nr; i++) {
      expect(
          Long.compareUnsigned(BTreeNode.key(d, i - 1), BTreeNode.key(d, i)) < 0,
          at,
          "keys not strictly increasing at " + i);
    }
    if (nr == 0) {
      return new Summary(0, max, 0, 0, 0, 0);
    }
    long first = BTreeNode.key(d, 0);
    if (flags == BTreeNode.LEAF) {
      for (int i = 0; i < nr; i++) {
        if (!lastLevel) {
          long sub = BTreeNode.value64(d, i);
          refs.add(sub);
          visit(sub, shape, level + 1, null, false, 0, false, depth + 1, at + "[" + i + "]");
        } else if (shape.values() != null) {
          shape.values().visit(BTreeNode.key(d, i), d, BTreeNode.valueOffset(d, i));
        }
      }
      return new Summary(nr, max, first, first, BTreeNode.key(d, nr - 1), 0);
    }
    int height = -1;
    long minKey = 0;
    long maxKey = 0;
    for (int i = 0; i < nr; i++) {
      long child = BTreeNode.value64(d, i);
      refs.add(child);
      boolean hasHi = i + 1 < nr;
      long hi = hasHi ? BTreeNode.key(d, i + 1) : 0;
      int h =
          visit(
              child,
              shape,
              level,
              BTreeNode.key(d, i),
              true,
              hi,
              hasHi,
              depth + 1,
              at + "[" + i + "]");
      expect(height < 0 || h == height, at, "leaves at different depths");
      height = h;
      Summary c = seen.get(child);
      if (i == 0) {
        minKey = c.minKey;
      }
      maxKey = c.maxKey;
    }
    return new Summary(nr, max, first, minKey, maxKey, height + 1);
  }

  /** A copy of node {@code b}. */
  public static byte[] read(TransactionManager tm, long b) throws IOException {
    try (Block block = tm.read(b, BTreeNode.VALIDATOR)) {
      return block.data().clone();
    }
  }

  private static void expect(boolean ok, String at, String what) {
    if (!ok) {
      fail(at + ": " + what);
    }
  }
}
