package io.powercut.pdata.sm;

import io.powercut.pdata.block.StampedBlockValidator;

/**
 * The on-disk layout of the metadata space map's single index block: csum, padding, blocknr, then
 * exactly 255 index entries (which fill the block), so the metadata device can have at most 255
 * bitmaps.
 */
public final class MetadataIndexBlock {
  public static final int ENTRIES_OFFSET = 16;
  public static final int MAX_ENTRIES = 255;
  public static final int CHECKSUM_SALT = 160478;

  /** The largest metadata device the space map can describe, in blocks. */
  public static final long MAX_METADATA_BLOCKS = (long) MAX_ENTRIES * BitmapBlock.ENTRIES_PER_BLOCK;

  public static final StampedBlockValidator VALIDATOR =
      new StampedBlockValidator("metadata space map index", CHECKSUM_SALT);

  private MetadataIndexBlock() {}

  public static int entryOffset(int i) {
    return ENTRIES_OFFSET + IndexEntry.SIZE * i;
  }

  public static IndexEntry entry(byte[] d, int i) {
    return IndexEntry.read(d, entryOffset(i));
  }
}
