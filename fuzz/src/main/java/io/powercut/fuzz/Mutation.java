package io.powercut.fuzz;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.block.StampedBlockValidator;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.IndexEntry;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.Superblock;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * One change to an image. Raw mutations damage bytes as a failing disk does; structured ones set a
 * field through the class that owns its layout and then recompute the block's checksum, so the
 * damage reaches the logic behind the validators. Every mutation applies to any image (a block or
 * slot that is no longer there is skipped), so a list of them can be shrunk in any order.
 */
public sealed interface Mutation {
  /** Changes {@code image}; never fails. */
  void apply(Image image);

  // ---- raw --------------------------------------------------------------------------------------

  /** Flips one bit; the checksum is left stale. */
  record FlipBit(int block, int bit) implements Mutation {
    @Override
    public void apply(Image image) {
      raw(image, block, d -> d[bit >>> 3] ^= (byte) (1 << (bit & 7)));
    }
  }

  /** Overwrites a run of bytes with one value; the checksum is left stale. */
  record FillBytes(int block, int offset, int length, int value) implements Mutation {
    @Override
    public void apply(Image image) {
      raw(
          image,
          block,
          d -> java.util.Arrays.fill(d, offset, Math.min(d.length, offset + length), (byte) value));
    }
  }

  /** Zeroes a block, as a lost write to a fresh block leaves it. */
  record ZeroBlock(int block) implements Mutation {
    @Override
    public void apply(Image image) {
      raw(image, block, d -> java.util.Arrays.fill(d, (byte) 0));
    }
  }

  /** Copies one block over another, as a misdirected write does. */
  record CopyBlock(int from, int to) implements Mutation {
    @Override
    public void apply(Image image) {
      if (from < image.size() && to < image.size()) {
        image.put(to, image.get(from));
      }
    }
  }

  /** Exchanges two blocks. */
  record SwapBlocks(int a, int b) implements Mutation {
    @Override
    public void apply(Image image) {
      if (a < image.size() && b < image.size()) {
        byte[] x = image.get(a);
        image.put(a, image.get(b));
        image.put(b, x);
      }
    }
  }

  /** Cuts the image to its first {@code blocks} blocks. */
  record Truncate(int blocks) implements Mutation {
    @Override
    public void apply(Image image) {
      image.truncate(blocks);
    }
  }

  /**
   * Recomputes a block's checksum with a type's salt (and, with {@code fixBlocknr}, makes its self
   * block number match its place), so that raw damage passes the validator.
   */
  record Restamp(int block, int salt, boolean fixBlocknr) implements Mutation {
    @Override
    public void apply(Image image) {
      edit(
          image,
          block,
          salt,
          d -> {
            if (fixBlocknr) {
              Le.putU64(d, StampedBlockValidator.BLOCKNR_OFFSET, block);
            }
          });
    }
  }

  // ---- structured -------------------------------------------------------------------------------

  /** Sets a field of a superblock (block 0 or the metadata snapshot's copy). */
  record SetSuperblockField(int block, SuperblockField field, long value) implements Mutation {
    @Override
    public void apply(Image image) {
      edit(
          image,
          block,
          Superblock.CHECKSUM_SALT,
          d -> field.with(Superblock.read(d), value).write(d));
    }
  }

  /** Sets a field of a B-tree node's header. */
  record SetNodeField(int block, NodeField field, long value) implements Mutation {
    @Override
    public void apply(Image image) {
      edit(
          image,
          block,
          BTreeNode.CHECKSUM_SALT,
          d -> {
            if (field.bits() == 64) {
              Le.putU64(d, field.offset(), value);
            } else {
              Le.putU32(d, field.offset(), value);
            }
          });
    }
  }

  /** Sets key {@code index} of a node. */
  record SetKey(int block, int index, long value) implements Mutation {
    @Override
    public void apply(Image image) {
      edit(
          image,
          block,
          BTreeNode.CHECKSUM_SALT,
          d -> {
            if (fits(BTreeNode.keyOffset(index), Long.BYTES)) {
              BTreeNode.setKey(d, index, value);
            }
          });
    }
  }

  /** Exchanges two keys of a node, leaving the values: the keys fall out of order. */
  record SwapKeys(int block, int i, int j) implements Mutation {
    @Override
    public void apply(Image image) {
      edit(
          image,
          block,
          BTreeNode.CHECKSUM_SALT,
          d -> {
            if (fits(BTreeNode.keyOffset(i), Long.BYTES)
                && fits(BTreeNode.keyOffset(j), Long.BYTES)) {
              long k = BTreeNode.key(d, i);
              BTreeNode.setKey(d, i, BTreeNode.key(d, j));
              BTreeNode.setKey(d, j, k);
            }
          });
    }
  }

  /**
   * Sets le64 value {@code index} of a node: a child pointer, a device's subtree root or a packed
   * block_time.
   */
  record SetValue(int block, int index, long value) implements Mutation {
    @Override
    public void apply(Image image) {
      editValue(image, block, index, Long.BYTES, (d, off) -> Le.putU64(d, off, value));
    }
  }

  /** Sets the le32 count in a ref-count tree leaf. */
  record SetRefCount(int block, int index, long value) implements Mutation {
    @Override
    public void apply(Image image) {
      editValue(image, block, index, Integer.BYTES, (d, off) -> Le.putU32(d, off, value));
    }
  }

  /** Sets a field of a device's details in a details-tree leaf. */
  record SetDetailsField(int block, int index, DetailsField field, long value) implements Mutation {
    @Override
    public void apply(Image image) {
      editValue(
          image,
          block,
          index,
          DeviceDetails.SIZE,
          (d, off) -> {
            byte[] v = field.with(DeviceDetails.read(d, off), value).toBytes();
            System.arraycopy(v, 0, d, off, v.length);
          });
    }
  }

  /** Sets a field of an index entry in a data space-map index-tree leaf. */
  record SetIndexEntryField(int block, int index, IndexEntryField field, long value)
      implements Mutation {
    @Override
    public void apply(Image image) {
      editValue(
          image,
          block,
          index,
          IndexEntry.SIZE,
          (d, off) -> field.with(IndexEntry.read(d, off), value).write(d, off));
    }
  }

  /** Sets a field of an entry of the metadata space map's index block. */
  record SetMetadataIndexField(int block, int index, IndexEntryField field, long value)
      implements Mutation {
    @Override
    public void apply(Image image) {
      edit(
          image,
          block,
          MetadataIndexBlock.CHECKSUM_SALT,
          d -> {
            int off = MetadataIndexBlock.entryOffset(index);
            field.with(IndexEntry.read(d, off), value).write(d, off);
          });
    }
  }

  /** Sets one 2-bit reference count of a space-map bitmap. */
  record SetBitmapEntry(int block, int entry, int count) implements Mutation {
    @Override
    public void apply(Image image) {
      edit(image, block, BitmapBlock.CHECKSUM_SALT, d -> BitmapBlock.set(d, entry, count));
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static void raw(Image image, int block, Consumer<byte[]> change) {
    if (block < image.size()) {
      byte[] d = image.get(block);
      change.accept(d);
      image.put(block, d);
    }
  }

  private static void edit(Image image, int block, int salt, Consumer<byte[]> change) {
    raw(
        image,
        block,
        d -> {
          change.accept(d);
          Checksum.stamp(d, salt);
        });
  }

  /**
   * Edits value slot {@code index} of a node where its (possibly damaged) header puts it, if that
   * slot lies inside the block.
   */
  private static void editValue(
      Image image, int block, int index, int width, ObjIntConsumer<byte[]> change) {
    edit(
        image,
        block,
        BTreeNode.CHECKSUM_SALT,
        d -> {
          int off = BTreeNode.valueOffset(d, index);
          if (fits(off, width)) {
            change.accept(d, off);
          }
        });
  }

  private static boolean fits(long offset, int width) {
    return offset >= 0 && offset + width <= Image.BLOCK_SIZE;
  }
}
