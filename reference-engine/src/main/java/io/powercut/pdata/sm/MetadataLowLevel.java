package io.powercut.pdata.sm;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.block.Block;
import io.powercut.pdata.tm.Shadow;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * The metadata space map's on-disk format: its index is one block, kept in memory as 255 entries
 * and written (by shadowing the index block) only at commit.
 */
final class MetadataLowLevel extends LowLevelSpaceMap {
  private final IndexEntry[] index = new IndexEntry[MetadataIndexBlock.MAX_ENTRIES];
  private boolean indexChanged;

  MetadataLowLevel(TransactionManager tm) {
    super(tm);
  }

  @Override
  NoSpaceException.Space space() {
    return NoSpaceException.Space.METADATA;
  }

  /** Allocates an empty index block and ref-count tree (at format time). */
  @Override
  void create() throws IOException {
    try (Block b = tm.newBlock(MetadataIndexBlock.VALIDATOR)) {
      bitmapRoot = b.location();
    }
    refCountRoot = refCounts.empty();
    nrBlocks = 0;
    nrAllocated = 0;
    indexChanged = true;
  }

  /** Loads the index block named by the root. */
  @Override
  void open(SpaceMapRoot root) throws IOException {
    openRoot(root);
    if (nrBlocks > MetadataIndexBlock.MAX_METADATA_BLOCKS) {
      throw CorruptMetadataException.expected(
          0,
          "metadata space map nr_blocks",
          "<= " + MetadataIndexBlock.MAX_METADATA_BLOCKS,
          nrBlocks,
          "superblock > metadata space map root");
    }
    try (Block b = tm.read(bitmapRoot, MetadataIndexBlock.VALIDATOR)) {
      for (int i = 0; i < index.length; i++) {
        index[i] = MetadataIndexBlock.entry(b.data(), i);
      }
    }
    indexChanged = false;
  }

  @Override
  MetadataLowLevel snapshot() {
    MetadataLowLevel s = new MetadataLowLevel(tm);
    s.openRoot(root());
    System.arraycopy(index, 0, s.index, 0, index.length);
    return s;
  }

  @Override
  IndexEntry loadIndex(long i) throws CorruptMetadataException {
    if (i < 0 || i >= index.length || index[(int) i] == null) {
      throw CorruptMetadataException.expected(
          bitmapRoot, "metadata space map index entry", "< " + index.length, i, "");
    }
    return index[(int) i];
  }

  @Override
  void saveIndex(long i, IndexEntry ie) {
    index[(int) i] = ie;
    indexChanged = true;
  }

  @Override
  long maxIndexEntries() {
    return MetadataIndexBlock.MAX_ENTRIES;
  }

  @Override
  void commitIndex() throws IOException {
    if (!indexChanged) {
      return;
    }
    // Shadowing may allocate, which changes the in-memory index; copy it only afterwards.
    Shadow s = tm.shadow(bitmapRoot, MetadataIndexBlock.VALIDATOR);
    try (Block b = s.block()) {
      byte[] d = b.data();
      java.util.Arrays.fill(d, MetadataIndexBlock.ENTRIES_OFFSET, d.length, (byte) 0);
      for (int i = 0; i < index.length; i++) {
        if (index[i] != null) {
          index[i].write(d, MetadataIndexBlock.entryOffset(i));
        }
      }
      bitmapRoot = b.location();
    }
    indexChanged = false;
  }
}
