package io.powercut.checker.thin;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * A device's mappings, immutable: virtual block to {@link PoolState#mapping packed} data block and
 * time, in ascending order of virtual block. Two parallel arrays rather than a tree map, because
 * every recovered crash state is read back into one and compared with the model's: for a pool of a
 * thousand mappings that is a copy and an array comparison, not a thousand tree nodes.
 */
public final class Mappings {
  public static final Mappings EMPTY = new Mappings(new long[0], new long[0]);

  private final long[] blocks;
  private final long[] values;

  private Mappings(long[] blocks, long[] values) {
    this.blocks = blocks;
    this.values = values;
  }

  public static Mappings of(SortedMap<Long, Long> map) {
    Builder b = new Builder(map.size());
    for (Map.Entry<Long, Long> e : map.entrySet()) {
      b.add(e.getKey(), e.getValue());
    }
    return b.build();
  }

  public int size() {
    return blocks.length;
  }

  /** The i-th virtual block, in ascending order. */
  public long block(int i) {
    return blocks[i];
  }

  /** The packed mapping of the i-th virtual block. */
  public long value(int i) {
    return values[i];
  }

  /** The packed mapping of virtual block {@code vb}, or null if it is unmapped. */
  public Long get(long vb) {
    int i = Arrays.binarySearch(blocks, vb);
    return i >= 0 ? values[i] : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mappings m
        && Arrays.equals(blocks, m.blocks)
        && Arrays.equals(values, m.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(blocks) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < blocks.length; i++) {
      s.append(i == 0 ? "" : ", ").append(blocks[i]).append('=').append(values[i]);
    }
    return s.append('}').toString();
  }

  /** Collects mappings given in strictly ascending order of virtual block; builds once. */
  public static final class Builder {
    private long[] blocks;
    private long[] values;
    private int size;

    public Builder() {
      this(16);
    }

    public Builder(int expected) {
      blocks = new long[Math.max(expected, 1)];
      values = new long[blocks.length];
    }

    public Builder add(long vb, long packed) {
      if (size > 0 && vb <= blocks[size - 1]) {
        throw new IllegalArgumentException(
            "virtual block " + vb + " after " + blocks[size - 1] + ": not ascending");
      }
      if (size == blocks.length) {
        blocks = Arrays.copyOf(blocks, 2 * size);
        values = Arrays.copyOf(values, 2 * size);
      }
      blocks[size] = vb;
      values[size++] = packed;
      return this;
    }

    public Mappings build() {
      if (size == 0) {
        return EMPTY;
      }
      // A builder sized right (to a device's mapped count) hands over its arrays as they are,
      // and is spent.
      Mappings m =
          size == blocks.length
              ? new Mappings(blocks, values)
              : new Mappings(Arrays.copyOf(blocks, size), Arrays.copyOf(values, size));
      blocks = null;
      values = null;
      return m;
    }
  }
}
