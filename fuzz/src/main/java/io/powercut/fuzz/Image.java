package io.powercut.fuzz;

import io.powercut.device.BlockBytes;
import io.powercut.device.BlockDevice;
import io.powercut.device.BlockGeometry;
import io.powercut.pdata.block.BlockManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A metadata image in memory, cheap to copy: copies share block arrays, and a change replaces the
 * changed block with a fresh array (blocks are never changed in place), so a mutated image costs
 * only the blocks it touched. As a {@link BlockDevice} it counts writes, because every use the
 * oracle makes of it must be read-only.
 */
public final class Image implements BlockDevice {
  /** The one block size of dm-thin metadata. */
  public static final int BLOCK_SIZE = BlockManager.BLOCK_SIZE;

  private static final String GZIP_SUFFIX = ".gz";

  // null stands for a block of zeros.
  private byte[][] blocks;
  private long writes;

  private Image(byte[][] blocks) {
    this.blocks = blocks;
  }

  /** A copy of every block of {@code device}. */
  public static Image of(BlockDevice device) throws IOException {
    if (device.blockSize() != BLOCK_SIZE || device.blockCount() > Integer.MAX_VALUE) {
      throw new IOException("not a metadata image: " + device);
    }
    byte[][] blocks = new byte[(int) device.blockCount()][];
    for (int b = 0; b < blocks.length; b++) {
      byte[] d = new byte[BLOCK_SIZE];
      device.read(b, d);
      blocks[b] = BlockBytes.isZero(d) ? null : d;
    }
    return new Image(blocks);
  }

  /** An image from raw bytes; a partial last block is dropped, as a device would. */
  public static Image of(byte[] bytes) {
    byte[][] blocks = new byte[bytes.length / BLOCK_SIZE][];
    for (int b = 0; b < blocks.length; b++) {
      byte[] d = Arrays.copyOfRange(bytes, b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE);
      blocks[b] = BlockBytes.isZero(d) ? null : d;
    }
    return new Image(blocks);
  }

  /** Reads a raw image file, or a gzipped one when its name ends in {@code .gz}. */
  public static Image load(Path file) throws IOException {
    if (!file.getFileName().toString().endsWith(GZIP_SUFFIX)) {
      return of(Files.readAllBytes(file));
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return of(in.readAllBytes());
    }
  }

  /** Writes the raw image, or a gzipped one when the name ends in {@code .gz}. */
  public void save(Path file) throws IOException {
    try (OutputStream out =
        file.getFileName().toString().endsWith(GZIP_SUFFIX)
            ? new GZIPOutputStream(Files.newOutputStream(file))
            : Files.newOutputStream(file)) {
      out.write(bytes());
    }
  }

  /** The whole image as one array. */
  public byte[] bytes() {
    byte[] out = new byte[blocks.length * BLOCK_SIZE];
    for (int b = 0; b < blocks.length; b++) {
      if (blocks[b] != null) {
        System.arraycopy(blocks[b], 0, out, b * BLOCK_SIZE, BLOCK_SIZE);
      }
    }
    return out;
  }

  /** An independent image with the same content. */
  public Image copy() {
    return new Image(blocks.clone());
  }

  /** Number of blocks. */
  public int size() {
    return blocks.length;
  }

  /** A copy of block {@code b}'s bytes. */
  public byte[] get(int b) {
    byte[] d = blocks[b];
    return d == null ? new byte[BLOCK_SIZE] : d.clone();
  }

  /** Replaces block {@code b} with {@code data} (which the image keeps: do not change it later). */
  public void put(int b, byte[] data) {
    if (data.length != BLOCK_SIZE) {
      throw new IllegalArgumentException("a block is " + BLOCK_SIZE + " bytes, got " + data.length);
    }
    blocks[b] = BlockBytes.isZero(data) ? null : data;
  }

  /** Whether block {@code b} holds only zeros. */
  public boolean isZero(int b) {
    return blocks[b] == null;
  }

  /** Keeps only the first {@code n} blocks (at least one). */
  public void truncate(int n) {
    blocks = Arrays.copyOf(blocks, Math.max(1, Math.min(n, blocks.length)));
  }

  /** How many writes went through the {@link BlockDevice} interface. */
  public long writes() {
    return writes;
  }

  /** Whether both images hold the same bytes. */
  public boolean sameContent(Image other) {
    if (other.blocks.length != blocks.length) {
      return false;
    }
    for (int b = 0; b < blocks.length; b++) {
      if (blocks[b] != other.blocks[b] && !Arrays.equals(get(b), other.get(b))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int blockSize() {
    return BLOCK_SIZE;
  }

  @Override
  public long blockCount() {
    return blocks.length;
  }

  @Override
  public void read(long block, byte[] dst) {
    check(block, dst);
    byte[] d = blocks[(int) block];
    if (d == null) {
      Arrays.fill(dst, (byte) 0);
    } else {
      System.arraycopy(d, 0, dst, 0, BLOCK_SIZE);
    }
  }

  @Override
  public void write(long block, byte[] src) {
    check(block, src);
    writes++;
    blocks[(int) block] = BlockBytes.isZero(src) ? null : src.clone();
  }

  @Override
  public void writeFua(long block, byte[] src) {
    write(block, src);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Image[" + blocks.length + " blocks]";
  }

  private void check(long block, byte[] buffer) {
    if (blocks.length == 0) {
      throw new IllegalArgumentException("block " + block + " of an image of no blocks");
    }
    // Made for each check: truncate changes the block count.
    new BlockGeometry(BLOCK_SIZE, blocks.length).checkAccess(block, buffer);
  }
}
