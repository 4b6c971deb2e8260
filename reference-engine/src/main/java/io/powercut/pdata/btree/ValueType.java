package io.powercut.pdata.btree;

import java.io.IOException;
import java.util.Arrays;

/**
 * How a btree's leaf values behave when a node holding them is copied or a value is dropped. Values
 * that reference other blocks (data blocks, subtree roots) add or release a reference.
 */
public interface ValueType {
  /** Size of one value in bytes. */
  int size();

  /** Adds a reference for each of {@code count} consecutive values at {@code off}. */
  default void inc(byte[] data, int off, int count) throws IOException {}

  /** Releases a reference for each of {@code count} consecutive values at {@code off}. */
  default void dec(byte[] data, int off, int count) throws IOException {}

  /**
   * Whether two values are the same for reference purposes (an overwrite of an equal value keeps
   * its reference).
   */
  default boolean equal(byte[] a, int aOff, byte[] b, int bOff) {
    return Arrays.equals(a, aOff, aOff + size(), b, bOff, bOff + size());
  }

  /** A value type without references: device details, index entries, ref counts. */
  static ValueType opaque(int size) {
    return () -> size;
  }
}
