package io.powercut.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A block device backed by a file, through positional {@link FileChannel} IO. Works on any {@link
 * java.nio.file.FileSystem}, including Jimfs for tests. The device size is the file size, fixed at
 * {@link #create}. {@link #flush()} is {@code force(true)} (fsync); {@link #writeFua} is a write
 * followed by {@code force(false)} (fdatasync), the closest a file offers to forced unit access.
 *
 * <p>{@link #openReadOnly} opens a file that must never change (an image to dump or check): the
 * file is opened without write access, and every write and flush throws {@link
 * ReadOnlyDeviceException}.
 */
public final class FileBlockDevice extends CheckedBlockDevice {
  private final Path path;
  private final FileChannel channel;
  private final boolean readOnly;

  private FileBlockDevice(
      Path path, FileChannel channel, BlockGeometry geometry, boolean readOnly) {
    super(geometry);
    this.path = path;
    this.channel = channel;
    this.readOnly = readOnly;
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
      return new FileBlockDevice(path, channel, geometry, false);
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
        if (!BlockBytes.isZero(block)) {
          out.write(b, block);
        }
      }
      out.flush();
    }
  }

  /** Opens an existing file of default-size blocks. */
  public static FileBlockDevice open(Path path) throws IOException {
    return open(path, DEFAULT_BLOCK_SIZE);
  }

  /**
   * Opens an existing file of {@code blockSize} blocks for reading and writing.
   *
   * @throws TruncatedImageException if its size is not a positive multiple of the block size
   */
  public static FileBlockDevice open(Path path, int blockSize) throws IOException {
    return open(path, blockSize, false);
  }

  /** Opens an existing file of default-size blocks that must not change. */
  public static FileBlockDevice openReadOnly(Path path) throws IOException {
    return openReadOnly(path, DEFAULT_BLOCK_SIZE);
  }

  /**
   * Opens an existing file of {@code blockSize} blocks without write access; writes and flushes
   * throw {@link ReadOnlyDeviceException}.
   *
   * @throws TruncatedImageException if its size is not a positive multiple of the block size
   */
  public static FileBlockDevice openReadOnly(Path path, int blockSize) throws IOException {
    return open(path, blockSize, true);
  }

  private static FileBlockDevice open(Path path, int blockSize, boolean readOnly)
      throws IOException {
    // Validates the block size before touching the file.
    new BlockGeometry(blockSize, 1);
    if (Files.isDirectory(path)) {
      throw new FileSystemException(path.toString(), null, "is a directory, not an image");
    }
    OpenOption[] options =
        readOnly
            ? new OpenOption[] {StandardOpenOption.READ}
            : new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
    FileChannel channel = FileChannel.open(path, options);
    try {
      long size = channel.size();
      if (size == 0 && !Files.isRegularFile(path)) {
        throw new IOException(path + ": cannot tell the size of this device");
      }
      if (size == 0 || size % blockSize != 0) {
        throw new TruncatedImageException(
            path, "size " + size + " is not a positive multiple of the block size " + blockSize);
      }
      return new FileBlockDevice(
          path, channel, new BlockGeometry(blockSize, size / blockSize), readOnly);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  /** Whether this device was opened by {@link #openReadOnly}. */
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    checkAccess(block, dst);
    ByteBuffer buffer = ByteBuffer.wrap(dst);
    long offset = block * blockSize();
    // Bounded: every iteration reads at least one byte or throws.
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, offset + buffer.position());
      if (n <= 0) {
        throw new TruncatedImageException(
            path, "block " + block + " ends early, the file shrank below " + blockCount());
      }
    }
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    checkAccess(block, src);
    checkWritable("write");
    writeFully(channel, ByteBuffer.wrap(src), block * blockSize());
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    checkAccess(block, src);
    checkWritable("writeFua");
    writeFully(channel, ByteBuffer.wrap(src), block * blockSize());
    channel.force(false);
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    checkWritable("flush");
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    markClosed();
    channel.close();
  }

  @Override
  public String toString() {
    return "FileBlockDevice[" + path + ", " + geometry() + (readOnly ? ", read-only]" : "]");
  }

  private void checkWritable(String call) throws ReadOnlyDeviceException {
    if (readOnly) {
      throw new ReadOnlyDeviceException(path.toString(), call);
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
