package io.powercut.pdata.sm;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.StampedBlockValidator;

/**
 * The on-disk layout of a space-map bitmap block: csum, an unused word, blocknr, then 2-bit
 * reference counts (0 free, 1, 2, 3 meaning "look in the overflow tree"). Within each byte, entry
 * {@code e}'s high bit is bit {@code 2*(e%4)} and its low bit is bit {@code 2*(e%4)+1}.
 */
public final class BitmapBlock {
  public static final int HEADER_SIZE = 16;

  /** Entries per bitmap block: 4 per byte over the 4080 bytes after the header. */
  public static final int ENTRIES_PER_BLOCK = (BlockManager.BLOCK_SIZE - HEADER_SIZE) * 4;

  public static final int CHECKSUM_SALT = 240779;

  public static final StampedBlockValidator VALIDATOR =
      new StampedBlockValidator("space map bitmap", CHECKSUM_SALT);

  /** Count value meaning "3 or more: see the ref-count tree". */
  public static final int OVERFLOW = 3;

  private static final long HI_BITS = 0x5555_5555_5555_5555L;

  private BitmapBlock() {}

  public static int get(byte[] d, int entry) {
    int v = d[HEADER_SIZE + (entry >>> 2)];
    int shift = (entry & 3) << 1;
    return (((v >>> shift) & 1) << 1) | ((v >>> (shift + 1)) & 1);
  }

  public static void set(byte[] d, int entry, int count) {
    int i = HEADER_SIZE + (entry >>> 2);
    int shift = (entry & 3) << 1;
    int bits = ((count >>> 1) & 1) << shift | (count & 1) << (shift + 1);
    d[i] = (byte) ((d[i] & ~(3 << shift)) | bits);
  }

  /** Entries per 64-bit word of the bitmap. */
  public static final int ENTRIES_PER_WORD = 32;

  /**
   * The little-endian word holding entries e to e+31 ({@code e} a multiple of 32): entry e+k's two
   * bits are bits 2k (high) and 2k+1 (low).
   */
  public static long word(byte[] d, int e) {
    return Le.u64(d, HEADER_SIZE + (e >>> 2));
  }

  /** The bits of a word that hold {@code count} (0..3) as its entry {@code k} (0..31). */
  public static long wordBits(int count, int k) {
    return (long) ((count >>> 1 & 1) | (count & 1) << 1) << (2 * k);
  }

  /** Entry {@code k} (0..31) of a word: the count its two bits hold, the inverse of wordBits. */
  public static int wordEntry(long w, int k) {
    int bits = (int) (w >>> (2 * k)) & 3;
    return (bits & 1) << 1 | bits >>> 1;
  }

  /** How many of a word's 32 entries are 0. */
  public static int freeInWord(long w) {
    return ENTRIES_PER_WORD - Long.bitCount((w | (w >>> 1)) & HI_BITS);
  }

  /** Whether one of a word's entries is 3 ("see the ref-count tree"). */
  public static boolean wordHasOverflow(long w) {
    return (w & (w >>> 1) & HI_BITS) != 0;
  }

  /** The number of entries whose count is 0. */
  public static int countFree(byte[] d) {
    int used = 0;
    for (int off = HEADER_SIZE; off < BlockManager.BLOCK_SIZE; off += 8) {
      long w = Le.u64(d, off);
      used += Long.bitCount((w | (w >>> 1)) & HI_BITS);
    }
    return ENTRIES_PER_BLOCK - used;
  }

  /** The number of entries in [begin, end) whose count is not 0. */
  public static int countUsed(byte[] d, int begin, int end) {
    int used = 0;
    int e = begin;
    while (e < end) {
      // Whole 64-bit words (32 entries) at a time where they fit.
      if ((e & 31) == 0 && e + ENTRIES_PER_WORD <= end) {
        used += ENTRIES_PER_WORD - freeInWord(word(d, e));
        e += ENTRIES_PER_WORD;
        continue;
      }
      if (get(d, e) != 0) {
        used++;
      }
      e++;
    }
    return used;
  }

  /** The first entry in [begin, end) whose count is 0, or -1. */
  public static int findFree(byte[] d, int begin, int end) {
    int e = begin;
    while (e < end) {
      // Skip whole 64-bit words (32 entries) in which every entry is in use.
      if ((e & 31) == 0 && e + 32 <= end) {
        long w = Le.u64(d, HEADER_SIZE + (e >>> 2));
        if (((w | (w >>> 1)) & HI_BITS) == HI_BITS) {
          e += 32;
          continue;
        }
      }
      if (get(d, e) == 0) {
        return e;
      }
      e++;
    }
    return -1;
  }
}
