package io.powercut.thin;

/**
 * A mapping leaf value: the data block in the upper 40 bits and the pool time at which it was
 * mapped in the lower 24.
 */
public final class BlockTime {
  public static final int TIME_BITS = 24;
  public static final long TIME_MASK = (1L << TIME_BITS) - 1;

  /** Largest data block number a mapping can hold. */
  public static final long MAX_DATA_BLOCK = (1L << (64 - TIME_BITS)) - 1;

  private BlockTime() {}

  public static long pack(long dataBlock, long time) {
    return (dataBlock << TIME_BITS) | (time & TIME_MASK);
  }

  public static long dataBlock(long v) {
    return v >>> TIME_BITS;
  }

  public static long time(long v) {
    return v & TIME_MASK;
  }
}
