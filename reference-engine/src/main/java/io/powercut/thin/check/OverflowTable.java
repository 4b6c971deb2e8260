package io.powercut.thin.check;

import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTreeNode;
import java.util.Arrays;

/**
 * The entries of a space map's overflow ref-count tree (block to le32 count, for counts of 3 and
 * more), in compact sorted arrays, with a mark for each entry a bitmap asked for: an entry nobody
 * asked for sits behind a bitmap count below 3. Filled from the tree's leaves in key order; sorted
 * again only if a damaged tree delivered them out of order.
 */
final class OverflowTable implements TreeWalker.LeafVisitor {
  private long[] keys = new long[16];
  private long[] counts = new long[16];
  private boolean[] used;
  private int size;
  private boolean sorted = true;

  @Override
  public void leaf(long block, byte[] node, int nrEntries) {
    for (int i = 0; i < nrEntries; i++) {
      add(BTreeNode.key(node, i), Le.u32(node, BTreeNode.valueOffset(node, i)));
    }
  }

  private void add(long key, long count) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    if (size > 0 && Long.compareUnsigned(key, keys[size - 1]) <= 0) {
      sorted = false;
    }
    keys[size] = key;
    counts[size] = count;
    size++;
  }

  /** Call once every leaf is in: sorts if needed and readies the marks. */
  void seal() {
    if (!sorted) {
      Integer[] order = new Integer[size];
      Arrays.setAll(order, i -> i);
      long[] k = keys;
      Arrays.sort(order, (a, b) -> Long.compareUnsigned(k[a], k[b]));
      long[] sk = new long[size];
      long[] sc = new long[size];
      for (int i = 0; i < size; i++) {
        sk[i] = keys[order[i]];
        sc[i] = counts[order[i]];
      }
      keys = sk;
      counts = sc;
      sorted = true;
    }
    used = new boolean[size];
  }

  int size() {
    return size;
  }

  long key(int i) {
    return keys[i];
  }

  long count(int i) {
    return counts[i];
  }

  boolean used(int i) {
    return used[i];
  }

  /** The index of {@code block}'s entry, marking it asked for, or -1 if there is none. */
  int lookup(long block) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(keys[mid], block);
      if (c == 0) {
        used[mid] = true;
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }
}
