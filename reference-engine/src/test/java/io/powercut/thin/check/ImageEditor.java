package io.powercut.thin.check;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.thin.BlockTime;
import io.powercut.thin.Superblock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Finds blocks in a (trusted, valid) image and patches fields through the layout classes,
 * re-stamping the checksum so that only the patched rule breaks. Walks recursively: test images are
 * small and well formed.
 */
final class ImageEditor {
  final MemoryBlockDevice device;

  ImageEditor(MemoryBlockDevice device) {
    this.device = device;
  }

  byte[] read(long b) throws IOException {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    device.read(b, d);
    return d;
  }

  Superblock superblock() throws IOException {
    return Superblock.read(read(0));
  }

  /** Rewrites block 0 with a changed superblock and a good checksum. */
  void patchSuperblock(UnaryOperator<Superblock> change) throws IOException {
    patchSuperblockAt(0, change);
  }

  void patchSuperblockAt(long b, UnaryOperator<Superblock> change) throws IOException {
    byte[] d = read(b);
    change.apply(Superblock.read(d)).write(d);
    Checksum.stamp(d, Superblock.CHECKSUM_SALT);
    device.write(b, d);
  }

  /** Changes a btree node's bytes and re-stamps its checksum (its blocknr is left as patched). */
  void patchNode(long b, Consumer<byte[]> change) throws IOException {
    patch(b, BTreeNode.CHECKSUM_SALT, change);
  }

  void patchBitmap(long b, Consumer<byte[]> change) throws IOException {
    patch(b, BitmapBlock.CHECKSUM_SALT, change);
  }

  void patchMetadataIndex(Consumer<byte[]> change) throws IOException {
    patch(
        superblock().metadataSpaceMapRoot().bitmapRoot(), MetadataIndexBlock.CHECKSUM_SALT, change);
  }

  /** Changes bytes without fixing the checksum. */
  void scribble(long b, int offset) throws IOException {
    byte[] d = read(b);
    d[offset] ^= 0x5A;
    device.write(b, d);
  }

  private void patch(long b, int salt, Consumer<byte[]> change) throws IOException {
    byte[] d = read(b);
    change.accept(d);
    Checksum.stamp(d, salt);
    device.write(b, d);
  }

  /** Every node of the tree at {@code root}, parents before children. */
  List<Long> nodes(long root) throws IOException {
    List<Long> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private void collect(long b, List<Long> out) throws IOException {
    out.add(b);
    byte[] d = read(b);
    if (BTreeNode.isInternal(d)) {
      for (int i = 0; i < BTreeNode.nrEntries(d); i++) {
        collect(BTreeNode.value64(d, i), out);
      }
    }
  }

  List<Long> leaves(long root) throws IOException {
    List<Long> out = new ArrayList<>();
    for (long b : nodes(root)) {
      if (BTreeNode.isLeaf(read(b))) {
        out.add(b);
      }
    }
    return out;
  }

  List<Long> internals(long root) throws IOException {
    List<Long> out = new ArrayList<>();
    for (long b : nodes(root)) {
      if (BTreeNode.isInternal(read(b))) {
        out.add(b);
      }
    }
    return out;
  }

  /** Every node of a two-level mapping tree: the top level and each device's tree. */
  java.util.Set<Long> mappingNodes(long top) throws IOException {
    java.util.Set<Long> out = new java.util.TreeSet<>(nodes(top));
    for (long leaf : leaves(top)) {
      byte[] d = read(leaf);
      for (int i = 0; i < BTreeNode.nrEntries(d); i++) {
        out.addAll(nodes(BTreeNode.value64(d, i)));
      }
    }
    return out;
  }

  /** The root of device {@code dev}'s mapping tree. */
  long deviceRoot(long dev) throws IOException {
    for (long leaf : leaves(superblock().dataMappingRoot())) {
      byte[] d = read(leaf);
      for (int i = 0; i < BTreeNode.nrEntries(d); i++) {
        if (BTreeNode.key(d, i) == dev) {
          return BTreeNode.value64(d, i);
        }
      }
    }
    throw new IllegalArgumentException("no device " + dev);
  }

  /** A leaf and the slot in it that holds {@code key}, in the one-level tree at {@code root}. */
  record Slot(long leaf, int slot) {}

  Slot find(long root, long key) throws IOException {
    for (long leaf : leaves(root)) {
      byte[] d = read(leaf);
      int i = BTreeNode.lowerBound(d, key);
      if (i >= 0 && BTreeNode.key(d, i) == key) {
        return new Slot(leaf, i);
      }
    }
    throw new IllegalArgumentException("no key " + key + " in the tree at " + root);
  }

  /** The data block device {@code dev} maps {@code vblock} to. */
  long dataBlock(long dev, long vblock) throws IOException {
    Slot s = find(deviceRoot(dev), vblock);
    return BlockTime.dataBlock(BTreeNode.value64(read(s.leaf()), s.slot()));
  }

  /** The index entry of data bitmap {@code i} and the leaf and slot that hold it. */
  record DataIndexSlot(long leaf, int slot, IndexEntry entry) {}

  DataIndexSlot dataIndex(long i) throws IOException {
    for (long leaf : leaves(superblock().dataSpaceMapRoot().bitmapRoot())) {
      byte[] d = read(leaf);
      for (int s = 0; s < BTreeNode.nrEntries(d); s++) {
        if (BTreeNode.key(d, s) == i) {
          return new DataIndexSlot(leaf, s, IndexEntry.read(d, BTreeNode.valueOffset(d, s)));
        }
      }
    }
    throw new IllegalArgumentException("no data bitmap " + i);
  }

  long metadataBitmap(int i) throws IOException {
    long index = superblock().metadataSpaceMapRoot().bitmapRoot();
    return MetadataIndexBlock.entry(read(index), i).blocknr();
  }

  /** The 2-bit bitmap count of metadata block {@code b}. */
  int metadataCount(long b) throws IOException {
    byte[] d = read(metadataBitmap((int) (b / BitmapBlock.ENTRIES_PER_BLOCK)));
    return BitmapBlock.get(d, (int) (b % BitmapBlock.ENTRIES_PER_BLOCK));
  }

  void setMetadataCount(long b, int count) throws IOException {
    patchBitmap(
        metadataBitmap((int) (b / BitmapBlock.ENTRIES_PER_BLOCK)),
        d -> BitmapBlock.set(d, (int) (b % BitmapBlock.ENTRIES_PER_BLOCK), count));
  }

  int dataCount(long b) throws IOException {
    byte[] d = read(dataIndex(b / BitmapBlock.ENTRIES_PER_BLOCK).entry().blocknr());
    return BitmapBlock.get(d, (int) (b % BitmapBlock.ENTRIES_PER_BLOCK));
  }

  void setDataCount(long b, int count) throws IOException {
    patchBitmap(
        dataIndex(b / BitmapBlock.ENTRIES_PER_BLOCK).entry().blocknr(),
        d -> BitmapBlock.set(d, (int) (b % BitmapBlock.ENTRIES_PER_BLOCK), count));
  }

  /** A free metadata block below the space map's size. */
  long freeMetadataBlock() throws IOException {
    for (long b = superblock().metadataSpaceMapRoot().nrBlocks() - 1; b > 0; b--) {
      if (metadataCount(b) == 0) {
        return b;
      }
    }
    throw new IllegalStateException("no free metadata block");
  }
}
