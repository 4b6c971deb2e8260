package io.powercut.cli;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A metadata image opened read-only as a {@link BlockDevice} of 4096-byte blocks, for commands that
 * must never change it (dump, check). Writes are refused.
 */
final class ImageFile implements BlockDevice {
  private final Path path;
  private final FileChannel channel;
  private final long blocks;

  private ImageFile(Path path, FileChannel channel, long blocks) {
    this.path = path;
    this.channel = channel;
    this.blocks = blocks;
  }

  /**
   * Opens {@code path} for reading.
   *
   * @throws UsageException if it is missing, unreadable or a directory
   * @throws TruncatedImageException if its size is not a positive multiple of the block size
   */
  static ImageFile openReadOnly(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new UsageException(path + ": is a directory, not a metadata image");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new UsageException(path + ": no such file");
    } catch (IOException e) {
      throw new UsageException(path + ": cannot open: " + Errors.reason(e));
    }
    try {
      long size = channel.size();
      if (size == 0 && !Files.isRegularFile(path)) {
        throw new UsageException(path + ": cannot tell the size of this device");
      }
      if (size < DEFAULT_BLOCK_SIZE || size % DEFAULT_BLOCK_SIZE != 0) {
        throw new TruncatedImageException(
            path
                + ": size "
                + size
                + " bytes is not a positive multiple of the "
                + DEFAULT_BLOCK_SIZE
                + "-byte metadata block: truncated or not a metadata image");
      }
      return new ImageFile(path, channel, size / DEFAULT_BLOCK_SIZE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public int blockSize() {
    return DEFAULT_BLOCK_SIZE;
  }

  @Override
  public long blockCount() {
    return blocks;
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    if (block < 0 || block >= blocks || dst.length != DEFAULT_BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "read of block " + block + " (" + dst.length + " bytes) from " + blocks + " blocks");
    }
    ByteBuffer b = ByteBuffer.wrap(dst);
    long offset = block * DEFAULT_BLOCK_SIZE;
    // Bounded: every round reads at least one byte or fails.
    while (b.hasRemaining()) {
      if (channel.read(b, offset + b.position()) <= 0) {
        throw new TruncatedImageException(
            path + ": block " + block + " ends early; the file shrank");
      }
    }
  }

  @Override
  public void write(long block, byte[] src) {
    throw new UnsupportedOperationException(path + " is open read-only");
  }

  @Override
  public void writeFua(long block, byte[] src) {
    throw new UnsupportedOperationException(path + " is open read-only");
  }

  @Override
  public void flush() {}

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** An image whose size cannot hold whole metadata blocks: corrupt input, not a usage error. */
  static final class TruncatedImageException extends IOException {
    private static final long serialVersionUID = 1L;

    TruncatedImageException(String message) {
      super(message);
    }
  }
}
