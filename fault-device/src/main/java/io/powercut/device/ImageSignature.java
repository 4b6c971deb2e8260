package io.powercut.device;

import java.util.Arrays;

/**
 * What one crash state's images hold, exactly, as the enumerator of its crash point numbered it:
 * the content class of every block that left its durable base (class 0 is the base, and is left
 * out). Classes are exact (compared byte for byte when numbered), so two signatures of one crash
 * point hold the same bytes in a block exactly when they give it the same class: comparing them
 * reads no block. Signatures of different crash points do not compare.
 */
public final class ImageSignature {
  // (block key, class) pairs, ascending by key; a key is DistinctImages.key(device, block).
  private final long[] pairs;
  private final int hash;

  ImageSignature(long[] pairs) {
    this.pairs = pairs;
    this.hash = hash(pairs);
  }

  /**
   * A well-mixed hash: the pairs are small block numbers and class numbers, on which {@link
   * Arrays#hashCode(long[])} collides often, and a point holds thousands of signatures.
   */
  private static int hash(long[] pairs) {
    long h = pairs.length;
    for (long p : pairs) {
      h = (h ^ p) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 29;
    }
    return (int) (h ^ h >>> 32);
  }

  /** Which blocks a judgement read, by device and block. */
  @FunctionalInterface
  public interface ReadSet {
    boolean wasRead(int device, long block);
  }

  /**
   * Whether this image and {@code other} hold the same bytes in every block {@code read} names:
   * only blocks that left their base in either can differ.
   */
  public boolean sameWhere(ImageSignature other, ReadSet read) {
    long[] a = pairs;
    long[] b = other.pairs;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      long key;
      boolean same;
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        key = a[i];
        same = false;
        i += 2;
      } else if (i >= a.length || b[j] < a[i]) {
        key = b[j];
        same = false;
        j += 2;
      } else {
        key = a[i];
        same = a[i + 1] == b[j + 1];
        i += 2;
        j += 2;
      }
      if (!same && read.wasRead(DistinctImages.deviceOf(key), DistinctImages.blockOf(key))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageSignature s && hash == s.hash && Arrays.equals(pairs, s.pairs);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
