package io.powercut.device;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The images already offered at one crash point, up to equality: an image is the set of (block,
 * content class) pairs of the blocks that left their durable base, where a content class numbers
 * the distinct contents seen for that block (class 0 is the base). The check is exact: contents are
 * hashed into buckets, then compared byte for byte, so two versions with equal bytes, or a write of
 * the bytes a block already held, give one image. Over the devices of a group a block is named by
 * {@link #key}, so two cuts are one image only when they are equal on every device.
 */
final class DistinctImages {
  private final GroupCrashPoint point;
  private final HashMap<Long, BlockContents> contents = new HashMap<>();
  // The signatures seen, by open addressing at most half full: no node per signature, and a point
  // may offer thousands. Their hashes sit beside them, so probing and growing touch no signature.
  private ImageSignature[] seen = new ImageSignature[64];
  private int[] seenHashes = new int[64];
  private int seenCount;
  private long duplicates;

  DistinctImages(GroupCrashPoint point) {
    this.point = point;
  }

  /**
   * The key of {@code block} of {@code device}: the block itself on device 0, so keys ascend by
   * device, then block (a block number stays below 2^55, a byte size fitting a long).
   */
  static long key(int device, long block) {
    return (long) device << DEVICE_SHIFT | block;
  }

  private static final int DEVICE_SHIFT = 56;

  static int deviceOf(long key) {
    return (int) (key >>> DEVICE_SHIFT);
  }

  static long blockOf(long key) {
    return key & ((1L << DEVICE_SHIFT) - 1);
  }

  /**
   * The content class of {@code content} for {@code block} of {@code device}, numbering it if it is
   * new. The caller never modifies {@code content} again.
   */
  int classOf(int device, long block, byte[] content) throws IOException {
    return contentsOf(device, block).classOf(content);
  }

  /** Whether the image {@code signature} names is new; a repeat is counted. */
  boolean add(ImageSignature signature) {
    int hash = signature.hashCode();
    int slot = slotOf(signature, hash);
    if (seen[slot] != null) {
      duplicates++;
      return false;
    }
    seen[slot] = signature;
    seenHashes[slot] = hash;
    if (2 * ++seenCount > seen.length) {
      grow();
    }
    return true;
  }

  /**
   * The slot holding a signature equal to {@code s} (of hash {@code hash}), or the free slot where
   * it goes; null finds a free slot. Fibonacci hashing picks the first: the top bits of the
   * product, which every bit of the hash feeds.
   */
  private int slotOf(ImageSignature s, int hash) {
    int mask = seen.length - 1;
    int slot = (hash * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
    for (int probe = 0; probe < seen.length; probe++, slot = (slot + 1) & mask) {
      ImageSignature t = seen[slot];
      if (t == null || (seenHashes[slot] == hash && t.equals(s))) {
        return slot;
      }
    }
    throw new IllegalStateException("no free slot in a table at most half full");
  }

  private void grow() {
    ImageSignature[] old = seen;
    int[] oldHashes = seenHashes;
    seen = new ImageSignature[2 * old.length];
    seenHashes = new int[seen.length];
    for (int i = 0; i < old.length; i++) {
      if (old[i] != null) {
        int slot = slotOf(null, oldHashes[i]);
        seen[slot] = old[i];
        seenHashes[slot] = oldHashes[i];
      }
    }
  }

  /** The signature of {@code state}'s images, reading each block it overlays on each device. */
  ImageSignature signature(CrashState state) throws IOException {
    List<CrashImage> images = point.images(state);
    long[] pairs = new long[0];
    int n = 0;
    for (int device = 0; device < images.size(); device++) {
      CrashImage image = images.get(device);
      long[] blocks = image.overlaidBlocks();
      pairs = Arrays.copyOf(pairs, n + 2 * blocks.length);
      for (long block : blocks) {
        byte[] content = new byte[image.blockSize()];
        image.read(block, content);
        int cls = classOf(device, block, content);
        if (cls != 0) {
          pairs[n++] = key(device, block);
          pairs[n++] = cls;
        }
      }
    }
    return new ImageSignature(Arrays.copyOf(pairs, n));
  }

  /** Images offered again after an equal one. */
  long duplicates() {
    return duplicates;
  }

  private BlockContents contentsOf(int device, long block) throws IOException {
    long key = key(device, block);
    BlockContents c = contents.get(key);
    if (c == null) {
      byte[] base = new byte[point.log().geometry(device).blockSize()];
      point.readDurable(device, block, base);
      c = new BlockContents(base);
      contents.put(key, c);
    }
    return c;
  }

  /** The distinct contents seen for one block; class 0 is its durable base. */
  private static final class BlockContents {
    private final List<byte[]> distinct = new ArrayList<>();
    private final List<Integer> hashes = new ArrayList<>();

    BlockContents(byte[] base) {
      classOf(base);
    }

    int classOf(byte[] content) {
      // CRC-32C is a JIT intrinsic, many times as fast on a block as Arrays.hashCode.
      CRC32C crc = new CRC32C();
      crc.update(content);
      int hash = (int) crc.getValue();
      for (int i = 0; i < distinct.size(); i++) {
        if (hashes.get(i) == hash && Arrays.equals(distinct.get(i), content)) {
          return i;
        }
      }
      distinct.add(content);
      hashes.add(hash);
      return distinct.size() - 1;
    }
  }
}
