package io.powercut.thin.check;

import java.util.Arrays;

/**
 * Device ids with one number each (mapped_blocks from the details tree, or the subtree root from
 * the mapping tree) and whether the entry came from a node shared with a tree checked earlier, in
 * compact arrays sorted by id. Holds at most a fixed number of devices, so a forged tree cannot
 * exhaust memory.
 */
final class DeviceList {
  private final int cap;
  private long[] ids = new long[16];
  private long[] values = new long[16];
  private boolean[] shared = new boolean[16];
  private int size;
  private boolean sorted = true;
  private long dropped;

  DeviceList(int cap) {
    this.cap = cap;
  }

  /** Adds a device; false (and nothing added) once the list holds {@code cap} devices. */
  boolean add(long id, long value, boolean fromSharedNode) {
    if (size == cap) {
      dropped++;
      return false;
    }
    if (size == ids.length) {
      int n = (int) Math.min((long) size * 2, cap);
      ids = Arrays.copyOf(ids, n);
      values = Arrays.copyOf(values, n);
      shared = Arrays.copyOf(shared, n);
    }
    if (size > 0 && Long.compareUnsigned(id, ids[size - 1]) <= 0) {
      sorted = false;
    }
    ids[size] = id;
    values[size] = value;
    shared[size] = fromSharedNode;
    size++;
    return true;
  }

  /** Sorts by id if a damaged tree delivered them out of order. */
  void seal() {
    if (sorted) {
      return;
    }
    Integer[] order = new Integer[size];
    Arrays.setAll(order, i -> i);
    long[] k = ids;
    Arrays.sort(order, (a, b) -> Long.compareUnsigned(k[a], k[b]));
    long[] si = new long[size];
    long[] sv = new long[size];
    boolean[] ss = new boolean[size];
    for (int i = 0; i < size; i++) {
      si[i] = ids[order[i]];
      sv[i] = values[order[i]];
      ss[i] = shared[order[i]];
    }
    ids = si;
    values = sv;
    shared = ss;
    sorted = true;
  }

  /** Devices refused because the list was full. */
  long dropped() {
    return dropped;
  }

  int size() {
    return size;
  }

  long id(int i) {
    return ids[i];
  }

  long value(int i) {
    return values[i];
  }

  /** Whether entry {@code i} lives in a node that a tree checked earlier also holds. */
  boolean fromSharedNode(int i) {
    return shared[i];
  }
}
