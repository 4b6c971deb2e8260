package io.powercut.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A block device backed by a file, through positional {@link FileChannel} IO. Works on any {@link
 * java.nio.file.FileSystem}, including Jimfs for tests. The device size is the file size, fixed at
 * {@link #create}. {@link #flush()} is {@code force(true)} (fsync); {@link #writeFua} is a write
 * followed by {@code force(false)} (fdatasync), the closest a file offers to forced unit access.
 */
public final class FileBlockDevice implements BlockDevice {
  private final Path path;
  private final FileChannel channel;
  private final BlockGeometry geometry;

  private FileBlockDevice(Path path, FileChannel channel, BlockGeometry geometry) {
    this.path = path;
    this.channel = channel;
    this.geometry = geometry;
  }

  /** Creates a new zero-filled file of {@code blockCount} default-size blocks; never overwrites. */
  public static FileBlockDevice create(Path path, long blockCount) throws IOException {
    return create(path, DEFAULT_BLOCK_SIZE, blockCount);
  }

  /** Creates a new zero-filled file of {@code blockCount} blocks; never overwrites a file. */
  public static FileBlockDevice create(Path path, int blockSize, long blockCount)
      throws IOException {
    BlockGeometry geometry = new BlockGeometry(blockSize, blockCount);
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      // One byte at the end sets the size; on most file systems the rest stays a sparse hole.
      long size = blockCount * blockSize;
      writeFully(channel, ByteBuffer.allocate(1), size - 1);
      return new FileBlockDevice(path, channel, geometry);
    } catch (IOException | RuntimeException e) {
      // Leave nothing behind: a half-made image is worse than none.
      channel.close();
      Files.deleteIfExists(path);
      throw e;
    }
  }

  /**
   * Saves {@code source} to a new file of the same geometry, leaving all-zero blocks as holes: how
   * an in-memory or crash image is handed to an external tool.
   */
  public static void save(BlockDevice source, Path path) throws IOException {
    try (FileBlockDevice out = create(path, source.blockSize(), source.blockCount())) {
      byte[] block = new byte[source.blockSize()];
      for (long b = 0; b < source.blockCount(); b++) {
        source.read(b, block);
        if (!isZero(block)) {
          out.write(b, block);
        }
      }
      out.flush();
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte x : block) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Opens an existing file of default-size blocks. */
  public static FileBlockDevice open(Path path) throws IOException {
    return open(path, DEFAULT_BLOCK_SIZE);
  }

  /**
   * Opens an existing file of {@code blockSize} blocks; its size must be a positive multiple of the
   * block size, otherwise this throws an {@link IOException} saying so.
   */
  public static FileBlockDevice open(Path path, int blockSize) throws IOException {
    // Validates the block size before touching the file.
    new BlockGeometry(blockSize, 1);
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = channel.size();
      if (size == 0 || size % blockSize != 0) {
        throw new IOException(
            path + ": size " + size + " is not a positive multiple of the block size " + blockSize);
      }
      return new FileBlockDevice(path, channel, new BlockGeometry(blockSize, size / blockSize));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public int blockSize() {
    return geometry.blockSize();
  }

  @Override
  public long blockCount() {
    return geometry.blockCount();
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    checkOpen();
    geometry.checkAccess(block, dst);
    ByteBuffer buffer = ByteBuffer.wrap(dst);
    long offset = block * geometry.blockSize();
    // Bounded: every iteration reads at least one byte or throws.
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, offset + buffer.position());
      if (n <= 0) {
        throw new IOException(
            path + ": block " + block + " ends early, the file shrank below " + blockCount());
      }
    }
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    checkOpen();
    geometry.checkAccess(block, src);
    writeFully(channel, ByteBuffer.wrap(src), block * geometry.blockSize());
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    write(block, src);
    channel.force(false);
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "FileBlockDevice[" + path + ", " + geometry + "]";
  }

  private void checkOpen() {
    if (!channel.isOpen()) {
      throw new IllegalStateException(path + ": FileBlockDevice is closed");
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long offset)
      throws IOException {
    // Bounded: every iteration writes at least one byte or throws.
    while (buffer.hasRemaining()) {
      int n = channel.write(buffer, offset + buffer.position());
      if (n <= 0) {
        throw new IOException("write at offset " + offset + " made no progress");
      }
    }
  }
}
