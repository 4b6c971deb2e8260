package io.powercut.thin.check;

import io.powercut.pdata.btree.BTreeNode;
import io.powercut.thin.BlockTime;

/**
 * What a valid mapping leaf gives the data reference counts, read by the one rule both ways of
 * counting share: the data blocks of its mappings that lie inside the data device and the counter
 * (in leaf order), whether every mapping lies inside the data device, and its latest mapping time.
 * A scan reuses the array of the one before.
 */
final class LeafRefs {
  private long[] refs = new long[0];
  private int count;
  private boolean inRange;
  private long maxTime;

  /** Reads the {@code nr} mappings of {@code node} against a counter covering {@code covered}. */
  void scan(byte[] node, int nr, long nrDataBlocks, long covered) {
    if (refs.length < nr) {
      refs = new long[nr];
    }
    int n = 0;
    boolean in = true;
    long max = 0;
    for (int i = 0; i < nr; i++) {
      long v = BTreeNode.value64(node, i);
      long data = BlockTime.dataBlock(v);
      if (Long.compareUnsigned(data, nrDataBlocks) >= 0) {
        in = false;
      } else if (data < covered) {
        refs[n++] = data;
      }
      max = Math.max(max, BlockTime.time(v));
    }
    count = n;
    inRange = in;
    maxTime = max;
  }

  /** How many data blocks the last scan counts. */
  int count() {
    return count;
  }

  /** The {@code i}th of them. */
  long ref(int i) {
    return refs[i];
  }

  /** Whether every mapping of the last scan was inside the data device and no later than time. */
  boolean clean(long time) {
    return inRange && maxTime <= time;
  }
}
