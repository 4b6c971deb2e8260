package io.powercut.pdata.btree;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import java.util.HashMap;
import java.util.Map;

/**
 * A leaf value type whose le64 values stand for "data blocks": inc and dec keep a count per value,
 * as the data space map would, so tests can compare them with the references in the leaves.
 */
final class CountingValueType implements ValueType {
  final Map<Long, Long> counts = new HashMap<>();

  @Override
  public int size() {
    return 8;
  }

  @Override
  public void inc(byte[] data, int off, int count) {
    for (int i = 0; i < count; i++) {
      counts.merge(Le.u64(data, off + 8 * i), 1L, Long::sum);
    }
  }

  @Override
  public void dec(byte[] data, int off, int count) throws CorruptMetadataException {
    for (int i = 0; i < count; i++) {
      long v = Le.u64(data, off + 8 * i);
      long c = counts.getOrDefault(v, 0L);
      if (c == 0) {
        throw new CorruptMetadataException(v, "test value count", "dec below zero", "");
      }
      counts.put(v, c - 1);
    }
  }

  /** Takes the caller's reference for a value about to be inserted. */
  void take(long value) {
    counts.merge(value, 1L, Long::sum);
  }
}
