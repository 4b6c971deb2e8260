package io.powercut.pdata.sm;

import io.powercut.pdata.Le;

/**
 * One 16-byte index entry of a space map: where a bitmap block lives, how many of its entries are
 * free, and a search hint (no free entry below {@code noneFreeBefore}). This class owns that
 * layout.
 */
public record IndexEntry(long blocknr, long nrFree, long noneFreeBefore) {
  public static final int SIZE = 16;

  private static final int BLOCKNR = 0;
  private static final int NR_FREE = 8;
  private static final int NONE_FREE_BEFORE = 12;

  public static IndexEntry read(byte[] b, int off) {
    return new IndexEntry(
        Le.u64(b, off + BLOCKNR), Le.u32(b, off + NR_FREE), Le.u32(b, off + NONE_FREE_BEFORE));
  }

  public void write(byte[] b, int off) {
    Le.putU64(b, off + BLOCKNR, blocknr);
    Le.putU32(b, off + NR_FREE, nrFree);
    Le.putU32(b, off + NONE_FREE_BEFORE, noneFreeBefore);
  }

  public byte[] toBytes() {
    byte[] b = new byte[SIZE];
    write(b, 0);
    return b;
  }

  public IndexEntry withBlocknr(long b) {
    return new IndexEntry(b, nrFree, noneFreeBefore);
  }
}
