package io.powercut.device;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * The images already offered at one crash point, up to equality: an image is the set of (block,
 * content class) pairs of the blocks that left their durable base, where a content class numbers
 * the distinct contents seen for that block (class 0 is the base). The check is exact: contents are
 * hashed into buckets, then compared byte for byte, so two versions with equal bytes, or a write of
 * the bytes a block already held, give one image.
 */
final class DistinctImages {
  private final CrashPoint point;
  private final int blockSize;
  private final HashMap<Long, BlockContents> contents = new HashMap<>();
  private final HashSet<ImageKey> seen = new HashSet<>();
  private long duplicates;

  DistinctImages(CrashPoint point) {
    this.point = point;
    this.blockSize = point.log().blockSize();
  }

  /**
   * The content class of {@code content} for {@code block}, numbering it if it is new. The caller
   * never modifies {@code content} again.
   */
  int classOf(long block, byte[] content) throws IOException {
    return contentsOf(block).classOf(content);
  }

  /**
   * Whether the image given as (block, class) pairs with non-zero classes, in ascending block
   * order, is new; a repeat is counted.
   */
  boolean add(long[] pairs) {
    if (seen.add(new ImageKey(pairs))) {
      return true;
    }
    duplicates++;
    return false;
  }

  /** Whether the image of {@code state} is new, reading each block it overlays. */
  boolean add(CrashState state) throws IOException {
    CrashImage image = point.image(state);
    long[] blocks = image.overlaidBlocks();
    long[] pairs = new long[2 * blocks.length];
    int n = 0;
    for (long block : blocks) {
      byte[] content = new byte[blockSize];
      image.read(block, content);
      int cls = classOf(block, content);
      if (cls != 0) {
        pairs[n++] = block;
        pairs[n++] = cls;
      }
    }
    return add(Arrays.copyOf(pairs, n));
  }

  /** Images offered again after an equal one. */
  long duplicates() {
    return duplicates;
  }

  private BlockContents contentsOf(long block) throws IOException {
    BlockContents c = contents.get(block);
    if (c == null) {
      byte[] base = new byte[blockSize];
      point.readDurable(block, base);
      c = new BlockContents(base);
      contents.put(block, c);
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
      int hash = Arrays.hashCode(content);
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

  private record ImageKey(long[] pairs) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ImageKey k && Arrays.equals(pairs, k.pairs);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(pairs);
    }
  }
}
