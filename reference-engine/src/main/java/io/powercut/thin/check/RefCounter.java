package io.powercut.thin.check;

import io.powercut.pdata.sm.BitmapBlock;
import java.util.HashMap;

/**
 * Reference counts found by the walk, one per block of a device, kept as a space-map bitmap keeps
 * them: 2 bits per block (3 for "3 or more") in pages the size of one bitmap, allocated on first
 * use, so that the audit compares a bitmap with the references 32 entries at a time and a sparse
 * device costs only the pages it touches. The exact counts of 3 and more, rare (sharing by three
 * snapshots), are kept aside: a byte per block in a page allocated only when one reaches 3, and the
 * counts of 255 and more in a map. Counting never allocates per entry.
 */
final class RefCounter {
  static final int PAGE = BitmapBlock.ENTRIES_PER_BLOCK;
  private static final int WORDS = PAGE / BitmapBlock.ENTRIES_PER_WORD;
  private static final int SATURATED = 0xFF;

  private final long size;
  private final long[][] words;
  private final byte[][] high;
  private final HashMap<Long, Long> large = new HashMap<>();
  private long nonZero;

  /** Counters for blocks [0, size); size must need at most 2^31-1 pages. */
  RefCounter(long size) {
    this.size = size;
    this.words = new long[Math.toIntExact((size + PAGE - 1) / PAGE)][];
    this.high = new byte[words.length][];
  }

  /** Blocks covered. */
  long size() {
    return size;
  }

  /** Adds one reference to {@code b}, which must be below {@link #size()}. */
  void inc(long b) {
    int p;
    int i;
    if (b <= Integer.MAX_VALUE) {
      // 32-bit division, several times as fast as 64-bit without the optimizing JIT.
      int x = (int) b;
      p = x / PAGE;
      i = x - p * PAGE;
    } else {
      p = (int) (b / PAGE);
      i = (int) (b % PAGE);
    }
    long[] w = words[p];
    if (w == null) {
      w = new long[WORDS];
      words[p] = w;
    }
    int wi = i / BitmapBlock.ENTRIES_PER_WORD;
    int k = i - wi * BitmapBlock.ENTRIES_PER_WORD;
    int c = BitmapBlock.wordEntry(w[wi], k);
    if (c < BitmapBlock.OVERFLOW) {
      if (c == 0) {
        nonZero++;
      }
      w[wi] ^= BitmapBlock.wordBits(c, k) ^ BitmapBlock.wordBits(c + 1, k);
      if (c + 1 == BitmapBlock.OVERFLOW) {
        highPage(p)[i] = (byte) BitmapBlock.OVERFLOW;
      }
      return;
    }
    byte[] h = high[p];
    int v = h[i] & 0xFF;
    if (v < SATURATED - 1) {
      h[i] = (byte) (v + 1);
    } else if (v == SATURATED - 1) {
      h[i] = (byte) SATURATED;
      large.put(b, (long) SATURATED);
    } else {
      large.merge(b, 1L, Long::sum);
    }
  }

  /**
   * Removes one reference from {@code b}, which must be below {@link #size()} and counted: the
   * exact inverse of {@link #inc}, so counts carried from one check to the next stay exact.
   */
  void dec(long b) {
    int p = Math.toIntExact(b / PAGE);
    int i = (int) (b % PAGE);
    long[] w = words[p];
    int wi = i / BitmapBlock.ENTRIES_PER_WORD;
    int k = i % BitmapBlock.ENTRIES_PER_WORD;
    int c = w == null ? 0 : BitmapBlock.wordEntry(w[wi], k);
    if (c == 0) {
      throw new IllegalStateException("block " + b + " has no reference to remove");
    }
    if (c < BitmapBlock.OVERFLOW) {
      if (c == 1) {
        nonZero--;
      }
      w[wi] ^= BitmapBlock.wordBits(c, k) ^ BitmapBlock.wordBits(c - 1, k);
      return;
    }
    byte[] h = high[p];
    int v = h[i] & 0xFF;
    if (v == BitmapBlock.OVERFLOW) {
      h[i] = 0;
      w[wi] ^= BitmapBlock.wordBits(c, k) ^ BitmapBlock.wordBits(c - 1, k);
    } else if (v < SATURATED) {
      h[i] = (byte) (v - 1);
    } else {
      long n = large.get(b);
      if (n > SATURATED) {
        large.put(b, n - 1);
      } else {
        large.remove(b);
        h[i] = (byte) (SATURATED - 1);
      }
    }
  }

  /** The count of {@code b}, which must be below {@link #size()}. */
  long get(long b) {
    int p = (int) (b / PAGE);
    int i = (int) (b % PAGE);
    long[] w = words[p];
    if (w == null) {
      return 0;
    }
    int c =
        BitmapBlock.wordEntry(
            w[i / BitmapBlock.ENTRIES_PER_WORD], i % BitmapBlock.ENTRIES_PER_WORD);
    if (c < BitmapBlock.OVERFLOW) {
      return c;
    }
    int v = high[p][i] & 0xFF;
    return v < SATURATED ? v : large.get(b);
  }

  /**
   * The counts of blocks b to b+31 ({@code b} a multiple of 32) packed as a bitmap word packs them
   * ({@link BitmapBlock#word}), each count above 3 as 3.
   */
  long word(long b) {
    long[] w = words[(int) (b / PAGE)];
    return w == null ? 0 : w[(int) (b % PAGE) / BitmapBlock.ENTRIES_PER_WORD];
  }

  /** Whether no block in page {@code p} (blocks [p*PAGE, (p+1)*PAGE)) has a reference. */
  boolean pageEmpty(long p) {
    return words[(int) p] == null;
  }

  /** How many blocks have at least one reference. */
  long nonZero() {
    return nonZero;
  }

  private byte[] highPage(int p) {
    byte[] h = high[p];
    if (h == null) {
      h = new byte[PAGE];
      high[p] = h;
    }
    return h;
  }
}
