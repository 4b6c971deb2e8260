package io.powercut.device;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The writes a disk has acknowledged but not yet made durable: every WRITE since the last flush,
 * identified by its log index, in order, and grouped per block (the versions of that block). A FUA
 * write to a block makes that block durable, so it discards the block's earlier cached versions; a
 * flush empties the cache. These are exactly the writes a power loss may drop.
 */
public final class VolatileWriteCache {
  private final IntList order = new IntList();
  private final HashMap<Long, IntList> byBlock = new HashMap<>();

  /** An empty cache. */
  public VolatileWriteCache() {}

  /** The cache as it stood at {@code position} of {@code log}: writes since the last flush. */
  public static VolatileWriteCache at(IoLog log, int position) {
    if (log.deviceCount() != 1) {
      throw new IllegalStateException(
          "this log records " + log.deviceCount() + " devices: name the device");
    }
    return at(log, 0, position);
  }

  /**
   * The cache of {@code device} as it stood at {@code position} of {@code log}: that device's
   * writes since its own last flush (other devices' flushes leave it alone).
   */
  public static VolatileWriteCache at(IoLog log, int device, int position) {
    VolatileWriteCache cache = new VolatileWriteCache();
    for (int i = log.lastFlushBefore(device, position) + 1; i < position; i++) {
      IoLog.Kind kind = log.kind(i);
      if (kind == IoLog.Kind.MARK || log.device(i) != device) {
        continue;
      }
      switch (kind) {
        case WRITE -> cache.write(i, log.block(i));
        case FUA -> cache.fua(log.block(i));
        default -> throw new AssertionError("entry " + i + " is a flush after the last flush");
      }
    }
    return cache;
  }

  /** Records the WRITE at log index {@code index}; indices must ascend. */
  public void write(int index, long block) {
    if (!order.isEmpty() && index <= order.last()) {
      throw new IllegalArgumentException(
          "write index " + index + " does not follow the last cached write " + order.last());
    }
    order.add(index);
    byBlock.computeIfAbsent(block, b -> new IntList()).add(index);
  }

  /** A FUA write to {@code block} completed: its earlier cached versions can no longer surface. */
  public void fua(long block) {
    IntList superseded = byBlock.remove(block);
    if (superseded != null) {
      order.removeSorted(superseded);
    }
  }

  /** A flush completed: nothing is cached any more. */
  public void flush() {
    order.clear();
    byBlock.clear();
  }

  /** The number of cached writes. */
  public int size() {
    return order.size();
  }

  /** The log indices of the cached writes, ascending. */
  public int[] unflushedWrites() {
    return order.toArray();
  }

  /** The log indices of the cached versions of {@code block}, ascending; empty if none. */
  public int[] versions(long block) {
    IntList list = byBlock.get(block);
    return list == null ? new int[0] : list.toArray();
  }

  /** The blocks with at least one cached version, ascending. */
  public long[] blocks() {
    long[] blocks = new long[byBlock.size()];
    int n = 0;
    for (Long block : byBlock.keySet()) {
      blocks[n++] = block;
    }
    Arrays.sort(blocks);
    return blocks;
  }

  @Override
  public String toString() {
    return "VolatileWriteCache[" + order.size() + " writes to " + byBlock.size() + " blocks]";
  }
}
