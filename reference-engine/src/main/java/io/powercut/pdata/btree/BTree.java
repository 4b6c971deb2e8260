package io.powercut.pdata.btree;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;
import java.util.Arrays;

/**
 * A copy-on-write B-tree of u64 keys, possibly multi-level (the leaf values of level {@code i} are
 * the roots of level {@code i + 1} trees), as the kernel's dm-btree. Every modification shadows the
 * path from the root, so the committed tree stays intact and each operation returns the new root.
 * Inserts split full nodes on the way down (the root splits beneath itself); removes rebalance a
 * child with its siblings before stepping into it, so no node other than a root is ever under a
 * third full.
 */
public final class BTree {
  /** No legal tree is deeper than this; a deeper walk means a cycle. */
  public static final int MAX_DEPTH = 64;

  private final TransactionManager tm;
  private final int levels;
  private final ValueType valueType;
  private final ValueType upperValueType;

  /** Returned by the internal lookup when a non-blocking descent would have to read. */
  private static final byte[] WOULD_BLOCK = new byte[0];

  /** A tree with {@code levels} levels whose last level holds values of {@code valueType}. */
  public BTree(TransactionManager tm, int levels, ValueType valueType) {
    if (levels < 1) {
      throw new IllegalArgumentException("levels must be >= 1, got " + levels);
    }
    this.tm = tm;
    this.levels = levels;
    this.valueType = valueType;
    this.upperValueType = new BlockRefValueType(tm);
  }

  /** The result of an insert: the new root and whether the key was new. */
  public record Insert(long root, boolean inserted) {}

  /** The result of a remove: the new root and whether the key was present. */
  public record Remove(long root, boolean removed) {}

  TransactionManager tm() {
    return tm;
  }

  int levels() {
    return levels;
  }

  ValueType valueType() {
    return valueType;
  }

  ValueType levelValueType(int level) {
    return level == levels - 1 ? valueType : upperValueType;
  }

  /** Creates an empty tree: one empty leaf. Returns its root. */
  public long empty() throws IOException {
    return emptyAt(0);
  }

  /**
   * An empty tree of {@code level}: its leaf holds that level's values (subtree roots above the
   * last level), not necessarily the last level's.
   */
  long emptyAt(int level) throws IOException {
    try (Block b = tm.newBlock(BTreeNode.VALIDATOR)) {
      BTreeNode.init(b.data(), BTreeNode.LEAF, levelValueType(level).size());
      return b.location();
    }
  }

  /** The value stored under {@code keys} (one per level), or null. */
  public byte[] lookup(long root, long... keys) throws IOException {
    return lookup(root, keys, true);
  }

  /**
   * The non-blocking lookup: like {@link #lookup} but never waits or does IO.
   *
   * @throws WouldBlockException if a node on the path is not in memory
   */
  public byte[] lookupNonBlocking(long root, long... keys) throws IOException, WouldBlockException {
    byte[] v = lookup(root, keys, false);
    if (v == WOULD_BLOCK) {
      throw new WouldBlockException();
    }
    return v;
  }

  private byte[] lookup(long root, long[] keys, boolean canBlock) throws IOException {
    checkKeys(keys);
    long block = root;
    int depth = 0;
    for (int level = 0; level < levels; level++) {
      int leafSize = levelValueType(level).size();
      for (; ; ) {
        if (++depth > MAX_DEPTH) {
          throw tooDeep(block);
        }
        Block b = readNode(block, leafSize, canBlock);
        if (b == null) {
          return WOULD_BLOCK;
        }
        try (b) {
          byte[] d = b.data();
          int i = BTreeNode.lowerBound(d, keys[level]);
          if (i < 0) {
            return null;
          }
          if (BTreeNode.isInternal(d)) {
            block = BTreeNode.value64(d, i);
            continue;
          }
          if (BTreeNode.key(d, i) != keys[level]) {
            return null;
          }
          int off = BTreeNode.valueOffset(d, i);
          if (level < levels - 1) {
            block = Le.u64(d, off);
            break;
          }
          return Arrays.copyOfRange(d, off, off + leafSize);
        }
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The highest key of a single-level tree, or -1 if it is empty (keys above 2^63 excluded). */
  public long findHighestKey(long root) throws IOException {
    long block = root;
    for (int depth = 1; ; depth++) {
      if (depth > MAX_DEPTH) {
        throw tooDeep(block);
      }
      try (Block b = readNode(block, valueType.size(), true)) {
        byte[] d = b.data();
        int nr = BTreeNode.nrEntries(d);
        if (nr == 0) {
          return -1;
        }
        if (BTreeNode.isLeaf(d)) {
          return BTreeNode.key(d, nr - 1);
        }
        block = BTreeNode.value64(d, nr - 1);
      }
    }
  }

  /**
   * Visits every entry of a single-level tree in key order. The walk reads each node once: a node
   * reached twice, or a path deeper than {@link #MAX_DEPTH}, is corruption, so a malicious tree
   * cannot make it loop or blow up.
   */
  public void forEach(long root, EntryVisitor visitor) throws IOException {
    forEachLeaf(
        root,
        (d, nr) -> {
          for (int i = 0; i < nr; i++) {
            visitor.visit(BTreeNode.key(d, i), d, BTreeNode.valueOffset(d, i));
          }
        });
  }

  /** Receives the leaves of a walk in key order: a leaf's bytes and its number of entries. */
  @FunctionalInterface
  public interface LeafVisitor {
    void leaf(byte[] node, int nrEntries) throws IOException;
  }

  /**
   * Visits every leaf of a single-level tree in key order, as {@link #forEach} walks it: the caller
   * loops over each leaf's entries ({@link BTreeNode#key}, {@link BTreeNode#valueOffset}) itself,
   * with no call per entry through a visitor shared by every walk.
   */
  public void forEachLeaf(long root, LeafVisitor visitor) throws IOException {
    if (levels != 1) {
      throw new IllegalStateException("forEach walks single-level trees");
    }
    walk(root, visitor, new java.util.BitSet(), 1);
  }

  private void walk(long b, LeafVisitor visitor, java.util.BitSet seen, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw tooDeep(b);
    }
    if (b >= 0 && b <= Integer.MAX_VALUE && seen.get((int) b)) {
      throw new CorruptMetadataException(b, "btree node reached twice", "the tree has a cycle", "");
    }
    try (Block block = readNode(b, valueType.size(), true)) {
      seen.set((int) b);
      byte[] d = block.data();
      int nr = BTreeNode.nrEntries(d);
      if (BTreeNode.isInternal(d)) {
        for (int i = 0; i < nr; i++) {
          walk(BTreeNode.value64(d, i), visitor, seen, depth + 1);
        }
      } else {
        visitor.leaf(d, nr);
      }
    }
  }

  /**
   * Inserts or overwrites the value under {@code keys}. An overwritten value that is not {@link
   * ValueType#equal equal} to the new one loses its reference; the new value's reference is the
   * caller's to have taken.
   */
  public Insert insert(long root, long[] keys, byte[] value) throws IOException {
    checkKeys(keys);
    if (value.length != valueType.size()) {
      throw new IllegalArgumentException(
          "value size " + value.length + ", tree value size " + valueType.size());
    }
    return new BTreeInsert(this).insert(root, keys, value);
  }

  /** Removes the value under {@code keys}, releasing its reference. */
  public Remove remove(long root, long[] keys) throws IOException {
    checkKeys(keys);
    if (lookup(root, keys) == null) {
      return new Remove(root, false);
    }
    return new Remove(new BTreeRemove(this).remove(root, keys), true);
  }

  /**
   * Releases a whole tree: shared nodes lose one reference and are not entered; unshared nodes are
   * walked down, their leaf values released, and freed.
   */
  public void delete(long root) throws IOException {
    new BTreeDelete(this).delete(root);
  }

  /** Adds a reference to everything a copied node points at. */
  void incChildren(byte[] d, ValueType vt) throws IOException {
    if (tm.bugs().has(PdataBug.NO_INC_CHILDREN)) {
      return;
    }
    int nr = BTreeNode.nrEntries(d);
    if (BTreeNode.isInternal(d)) {
      for (int i = 0; i < nr; i++) {
        tm.inc(BTreeNode.value64(d, i));
      }
    } else {
      vt.inc(d, BTreeNode.valueOffset(d, 0), nr);
    }
  }

  /**
   * Reads a node and checks it has the shape its position in this tree requires. Without {@code
   * canBlock}, returns null instead of reading a block that is not in memory.
   */
  Block readNode(long b, int leafValueSize, boolean canBlock) throws IOException {
    Block block = canBlock ? tm.read(b, BTreeNode.VALIDATOR) : tm.tryRead(b, BTreeNode.VALIDATOR);
    if (block == null) {
      return null;
    }
    try {
      checkNode(block, leafValueSize);
    } catch (CorruptMetadataException e) {
      block.close();
      throw e;
    }
    return block;
  }

  /**
   * The engine's shape rules beyond the validator's: internal nodes hold le64 child pointers and at
   * least one entry; leaves hold this level's value size.
   */
  void checkNode(Block block, int leafValueSize) throws CorruptMetadataException {
    byte[] d = block.data();
    int vs = BTreeNode.valueSize(d);
    if (BTreeNode.isInternal(d)) {
      if (vs != 8) {
        throw CorruptMetadataException.expected(
            block.location(), "internal node value size", 8, vs, "");
      }
      if (BTreeNode.nrEntries(d) == 0) {
        throw CorruptMetadataException.expected(
            block.location(), "internal node entries", ">= 1", 0, "");
      }
    } else if (vs != leafValueSize) {
      throw CorruptMetadataException.expected(
          block.location(), "leaf value size", leafValueSize, vs, "");
    }
    if (BTreeNode.maxEntries(d) < 3) {
      throw CorruptMetadataException.expected(
          block.location(), "btree node max_entries", ">= 3", BTreeNode.maxEntries(d), "");
    }
  }

  CorruptMetadataException tooDeep(long b) {
    return new CorruptMetadataException(
        b, "btree depth", "deeper than " + MAX_DEPTH + " levels: the tree has a cycle", "");
  }

  private void checkKeys(long[] keys) {
    if (keys.length != levels) {
      throw new IllegalArgumentException("expected " + levels + " keys, got " + keys.length);
    }
  }
}
