package io.powercut.device;

import java.util.Arrays;

/** A growable list of ints without boxing: log indices are stored by the million. */
final class IntList {
  private int[] items;
  private int size;

  IntList() {
    items = new int[4];
  }

  void add(int value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, Math.max(4, size * 2));
    }
    items[size++] = value;
  }

  int get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("index " + i + " of " + size);
    }
    return items[i];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int last() {
    return get(size - 1);
  }

  void clear() {
    size = 0;
  }

  /** Keeps only the items not in {@code sortedRemovals}; both this list and it ascend. */
  void removeSorted(IntList sortedRemovals) {
    int kept = 0;
    int r = 0;
    for (int i = 0; i < size; i++) {
      int item = items[i];
      while (r < sortedRemovals.size && sortedRemovals.items[r] < item) {
        r++;
      }
      if (r < sortedRemovals.size && sortedRemovals.items[r] == item) {
        continue;
      }
      items[kept++] = item;
    }
    size = kept;
  }

  /** In an ascending list, the largest item below {@code bound}, or -1 if there is none. */
  int lastBelow(int bound) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (items[mid] < bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? -1 : items[lo - 1];
  }

  int[] toArray() {
    return Arrays.copyOf(items, size);
  }
}
