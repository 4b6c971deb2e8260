package io.powercut.pdata.sm;

import io.powercut.pdata.Le;

/**
 * The 32 meaningful bytes of a space map root as stored in the superblock (which reserves 128 bytes
 * for it): block count, allocated count, the index root and the overflow ref-count root. This class
 * owns that layout.
 */
public record SpaceMapRoot(long nrBlocks, long nrAllocated, long bitmapRoot, long refCountRoot) {
  /** Size of the area reserved for a root in the superblock. */
  public static final int AREA_SIZE = 128;

  private static final int NR_BLOCKS = 0;
  private static final int NR_ALLOCATED = 8;
  private static final int BITMAP_ROOT = 16;
  private static final int REF_COUNT_ROOT = 24;

  /** An all-zero root, as stored in a metadata-snapshot copy of the superblock. */
  public static final SpaceMapRoot ZERO = new SpaceMapRoot(0, 0, 0, 0);

  public static SpaceMapRoot read(byte[] b, int off) {
    return new SpaceMapRoot(
        Le.u64(b, off + NR_BLOCKS),
        Le.u64(b, off + NR_ALLOCATED),
        Le.u64(b, off + BITMAP_ROOT),
        Le.u64(b, off + REF_COUNT_ROOT));
  }

  /** Writes the root and zeroes the rest of its 128-byte area. */
  public void write(byte[] b, int off) {
    java.util.Arrays.fill(b, off, off + AREA_SIZE, (byte) 0);
    Le.putU64(b, off + NR_BLOCKS, nrBlocks);
    Le.putU64(b, off + NR_ALLOCATED, nrAllocated);
    Le.putU64(b, off + BITMAP_ROOT, bitmapRoot);
    Le.putU64(b, off + REF_COUNT_ROOT, refCountRoot);
  }
}
