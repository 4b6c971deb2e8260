package io.powercut.pdata.btree;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.StampedBlockValidator;

/**
 * The on-disk layout of a dm-btree node; the only class that knows its offsets. A node fills one
 * block: a 32-byte header (csum, flags, blocknr, nr_entries, max_entries, value_size, padding),
 * then {@code max_entries} le64 keys, then {@code max_entries} values. The value area starts after
 * all key slots, not after the used ones.
 */
public final class BTreeNode {
  public static final int FLAGS = 4;
  public static final int NR_ENTRIES = 16;
  public static final int MAX_ENTRIES = 20;
  public static final int VALUE_SIZE = 24;
  public static final int HEADER_SIZE = 32;

  public static final int INTERNAL = 1;
  public static final int LEAF = 2;

  /** Salt of the btree node checksum. */
  public static final int CHECKSUM_SALT = 121107;

  /** Validates checksum, location and the header rules the kernel's node_check enforces. */
  public static final StampedBlockValidator VALIDATOR =
      new StampedBlockValidator("btree node", CHECKSUM_SALT) {
        @Override
        protected void checkBody(long location, byte[] d) throws CorruptMetadataException {
          int flags = flags(d);
          if (flags != INTERNAL && flags != LEAF) {
            throw CorruptMetadataException.expected(
                location, "btree node flags", "internal (1) or leaf (2)", flags, "");
          }
          long max = Le.u32(d, MAX_ENTRIES);
          long vs = Le.u32(d, VALUE_SIZE);
          if (vs == 0 || HEADER_SIZE + max * (8 + vs) > BlockManager.BLOCK_SIZE) {
            throw new CorruptMetadataException(
                location,
                "btree node max_entries",
                "max_entries " + max + " with value_size " + vs + " does not fit in a block",
                "");
          }
          long nr = Le.u32(d, NR_ENTRIES);
          if (nr > max) {
            throw CorruptMetadataException.expected(
                location, "btree node nr_entries", "<= max_entries " + max, nr, "");
          }
        }
      };

  private BTreeNode() {}

  /** The kernel's max_entries: the largest multiple of 3 entries that fits in a block. */
  public static int calcMaxEntries(int valueSize) {
    int total = (BlockManager.BLOCK_SIZE - HEADER_SIZE) / (8 + valueSize);
    return 3 * (total / 3);
  }

  /** Makes {@code d} an empty node. */
  public static void init(byte[] d, int flags, int valueSize) {
    Le.putU32(d, FLAGS, flags);
    Le.putU32(d, NR_ENTRIES, 0);
    Le.putU32(d, MAX_ENTRIES, calcMaxEntries(valueSize));
    Le.putU32(d, VALUE_SIZE, valueSize);
  }

  public static int flags(byte[] d) {
    return Le.i32(d, FLAGS);
  }

  public static boolean isLeaf(byte[] d) {
    return flags(d) == LEAF;
  }

  public static boolean isInternal(byte[] d) {
    return flags(d) == INTERNAL;
  }

  public static int nrEntries(byte[] d) {
    return Le.i32(d, NR_ENTRIES);
  }

  public static void setNrEntries(byte[] d, int n) {
    Le.putU32(d, NR_ENTRIES, n);
  }

  public static int maxEntries(byte[] d) {
    return Le.i32(d, MAX_ENTRIES);
  }

  public static int valueSize(byte[] d) {
    return Le.i32(d, VALUE_SIZE);
  }

  public static int keyOffset(int i) {
    return HEADER_SIZE + 8 * i;
  }

  public static long key(byte[] d, int i) {
    return Le.u64(d, keyOffset(i));
  }

  public static void setKey(byte[] d, int i, long key) {
    Le.putU64(d, keyOffset(i), key);
  }

  /** Byte offset of value {@code i}. */
  public static int valueOffset(byte[] d, int i) {
    return HEADER_SIZE + 8 * maxEntries(d) + valueSize(d) * i;
  }

  /** Value {@code i} of a node whose values are le64 (internal nodes, upper levels). */
  public static long value64(byte[] d, int i) {
    return Le.u64(d, valueOffset(d, i));
  }

  public static void setValue64(byte[] d, int i, long v) {
    Le.putU64(d, valueOffset(d, i), v);
  }

  /**
   * Index of the largest key <= {@code key}, or -1 if every key is greater. Keys are unsigned on
   * disk; comparisons treat them so.
   */
  public static int lowerBound(byte[] d, long key) {
    return search(d, key, false);
  }

  /** Index of the smallest key >= {@code key}, or nr_entries if every key is smaller. */
  public static int upperBound(byte[] d, long key) {
    return search(d, key, true);
  }

  private static int search(byte[] d, long key, boolean wantHi) {
    int lo = -1;
    int hi = nrEntries(d);
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      long midKey = key(d, mid);
      int c = Long.compareUnsigned(midKey, key);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return wantHi ? hi : lo;
  }

  /** Inserts (key, value) at {@code index}, shifting later entries up. */
  public static void insertAt(byte[] d, int index, long key, byte[] value, int valueOff) {
    int nr = nrEntries(d);
    int max = maxEntries(d);
    if (index < 0 || index > nr || nr >= max) {
      throw new IllegalStateException(
          "insert at " + index + " into a node with " + nr + " of " + max + " entries");
    }
    int vs = valueSize(d);
    moveEntries(d, index + 1, d, index, nr - index);
    setKey(d, index, key);
    System.arraycopy(value, valueOff, d, valueOffset(d, index), vs);
    setNrEntries(d, nr + 1);
  }

  /** Deletes entry {@code index}, shifting later entries down. */
  public static void deleteAt(byte[] d, int index) {
    int nr = nrEntries(d);
    if (index < 0 || index >= nr) {
      throw new IllegalStateException("delete at " + index + " from a node with " + nr);
    }
    moveEntries(d, index, d, index + 1, nr - index - 1);
    setNrEntries(d, nr - 1);
  }

  /**
   * Copies {@code count} entries (keys and values) from {@code src[srcIndex..]} to {@code
   * dst[dstIndex..]}; the nodes must have the same value size, and may be the same node.
   */
  public static void moveEntries(byte[] dst, int dstIndex, byte[] src, int srcIndex, int count) {
    if (count <= 0) {
      return;
    }
    int vs = valueSize(src);
    System.arraycopy(src, keyOffset(srcIndex), dst, keyOffset(dstIndex), 8 * count);
    System.arraycopy(src, valueOffset(src, srcIndex), dst, valueOffset(dst, dstIndex), vs * count);
  }
}
