package io.powercut.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of a {@link CrashFileSystem} by string path, for adapters of file SPIs that are
 * not {@code java.nio.file} (H2's {@code FilePath}). Each is the {@code Path} operation on the same
 * file system, so it is logged exactly as that is; paths are absolute or relative to {@code /work}.
 */
public final class CrashFiles {
  private final CrashFileSystem fs;

  CrashFiles(CrashFileSystem fs) {
    this.fs = fs;
  }

  private Path path(String path) {
    return fs.getPath(path);
  }

  /** {@code FileChannel.open} on the file system: a logged channel (or a directory's). */
  public FileChannel open(String path, OpenOption... options) throws IOException {
    return FileChannel.open(path(path), options);
  }

  /** Every byte of file {@code path}. */
  public byte[] read(String path) throws IOException {
    return Files.readAllBytes(path(path));
  }

  /** Writes {@code bytes} at {@code offset} of the existing file {@code path}. */
  public void write(String path, long offset, byte[] bytes) throws IOException {
    try (FileChannel c = open(path, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      // A channel over memory writes all it is given.
      c.write(b, offset);
    }
  }

  /** {@code fsync} (metadata) or {@code fdatasync} of file {@code path}. */
  public void force(String path, boolean metadata) throws IOException {
    try (FileChannel c = open(path, StandardOpenOption.READ)) {
      c.force(metadata);
    }
  }

  /** Cuts file {@code path} to {@code size} bytes if it is longer. */
  public void truncate(String path, long size) throws IOException {
    try (FileChannel c = open(path, StandardOpenOption.WRITE)) {
      c.truncate(size);
    }
  }

  public long size(String path) throws IOException {
    return Files.size(path(path));
  }

  /** Creates an empty file; throws {@code FileAlreadyExistsException} if the name is taken. */
  public void createFile(String path) throws IOException {
    Files.createFile(path(path));
  }

  public void createDirectory(String path) throws IOException {
    Files.createDirectory(path(path));
  }

  /** Removes the file or empty directory {@code path}. */
  public void delete(String path) throws IOException {
    Files.delete(path(path));
  }

  /** An atomic rename; {@code replace} allows {@code to} to name an existing file it replaces. */
  public void rename(String from, String to, boolean replace) throws IOException {
    if (replace) {
      Files.move(
          path(from),
          path(to),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.move(path(from), path(to), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The names in directory {@code dir}, ascending. */
  public List<String> list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path(dir))) {
      for (Path p : entries) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort(null);
    return names;
  }

  /** The directory fsync: makes the names in {@code dir} durable (see {@link PersistenceMode}). */
  public void syncDirectory(String dir) throws IOException {
    try (FileChannel c = open(dir, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  public boolean exists(String path) {
    return Files.exists(path(path));
  }

  public boolean isDirectory(String path) {
    return Files.isDirectory(path(path));
  }
}
