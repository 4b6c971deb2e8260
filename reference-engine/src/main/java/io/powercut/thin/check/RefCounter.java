package io.powercut.thin.check;

import io.powercut.pdata.sm.BitmapBlock;
import java.util.HashMap;

/**
 * Reference counts found by the walk, one per block of a device: a byte per block in pages the size
 * of one space-map bitmap, allocated on first use (a sparse data device costs only the pages it
 * touches), with the rare counts of 255 and more kept aside. Counting never allocates per entry.
 * Each page also keeps its counts as a bitmap block stores them (2 bits each, 3 for "3 or more"),
 * so that the audit compares a bitmap with the references 32 entries at a time.
 */
final class RefCounter {
  static final int PAGE = BitmapBlock.ENTRIES_PER_BLOCK;
  private static final int SATURATED = 0xFF;

  private final long size;
  private final byte[][] pages;
  private final long[][] words;
  private final HashMap<Long, Long> large = new HashMap<>();
  private long nonZero;

  /** Counters for blocks [0, size); size must need at most 2^31-1 pages. */
  RefCounter(long size) {
    this.size = size;
    this.pages = new byte[Math.toIntExact((size + PAGE - 1) / PAGE)][];
    this.words = new long[pages.length][];
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
    byte[] page = pages[p];
    if (page == null) {
      page = new byte[PAGE];
      pages[p] = page;
      words[p] = new long[PAGE / BitmapBlock.ENTRIES_PER_WORD];
    }
    int v = page[i] & 0xFF;
    if (v == 0) {
      nonZero++;
    }
    if (v < BitmapBlock.OVERFLOW) {
      int k = i % BitmapBlock.ENTRIES_PER_WORD;
      words[p][i / BitmapBlock.ENTRIES_PER_WORD] ^=
          BitmapBlock.wordBits(v, k) ^ BitmapBlock.wordBits(v + 1, k);
    }
    if (v < SATURATED - 1) {
      page[i] = (byte) (v + 1);
    } else if (v == SATURATED - 1) {
      page[i] = (byte) SATURATED;
      large.put(b, (long) SATURATED);
    } else {
      large.merge(b, 1L, Long::sum);
    }
  }

  /** The count of {@code b}, which must be below {@link #size()}. */
  long get(long b) {
    byte[] page = pages[(int) (b / PAGE)];
    if (page == null) {
      return 0;
    }
    int v = page[(int) (b % PAGE)] & 0xFF;
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
    return pages[(int) p] == null;
  }

  /** How many blocks have at least one reference. */
  long nonZero() {
    return nonZero;
  }
}
