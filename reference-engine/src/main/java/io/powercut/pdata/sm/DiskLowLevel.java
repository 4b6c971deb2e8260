package io.powercut.pdata.sm;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.ValueType;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * The data space map's on-disk format: its index is a btree from bitmap number to index entry,
 * updated by shadowing like any other tree, so commit has nothing left to do.
 */
final class DiskLowLevel extends LowLevelSpaceMap {
  private final BTree indexTree;

  DiskLowLevel(TransactionManager tm) {
    super(tm);
    this.indexTree = new BTree(tm, 1, ValueType.opaque(IndexEntry.SIZE));
  }

  @Override
  NoSpaceException.Space space() {
    return NoSpaceException.Space.DATA;
  }

  @Override
  void create() throws IOException {
    bitmapRoot = indexTree.empty();
    refCountRoot = refCounts.empty();
    nrBlocks = 0;
    nrAllocated = 0;
  }

  @Override
  void open(SpaceMapRoot root) {
    openRoot(root);
  }

  @Override
  DiskLowLevel snapshot() {
    DiskLowLevel s = new DiskLowLevel(tm);
    s.openRoot(root());
    return s;
  }

  @Override
  IndexEntry loadIndex(long i) throws IOException {
    byte[] v = indexTree.lookup(bitmapRoot, i);
    if (v == null) {
      throw new CorruptMetadataException(
          bitmapRoot, "data space map index", "no index entry for bitmap " + i, "");
    }
    return IndexEntry.read(v, 0);
  }

  @Override
  void saveIndex(long i, IndexEntry ie) throws IOException {
    bitmapRoot = indexTree.insert(bitmapRoot, new long[] {i}, ie.toBytes()).root();
  }

  @Override
  long maxIndexEntries() {
    return 1L << 32;
  }

  @Override
  void commitIndex() {}
}
