package io.powercut.fs;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The live file system: a Jimfs instance (which has the semantics right) plus the log of what
 * changed it. Every mutation runs on Jimfs and is appended to the log under one lock, so log order
 * is the order Jimfs applied them. Files and directories get inode numbers from Jimfs file keys,
 * which follow a file through renames and outlive its last name.
 */
final class LiveFiles {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final FileSystem jimfs;
  private final FileOpLog log = new FileOpLog();
  private final HashMap<Object, Long> inodes = new HashMap<>();
  private final InodeTree initial = new InodeTree();
  private long nextInode = InodeTree.ROOT;

  LiveFiles(FsImage image) {
    jimfs =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder()
                .setWorkingDirectory(image.exists("/work") ? "/work" : "/")
                .build());
    try {
      if (inode(jimfs.getPath("/")) != InodeTree.ROOT) {
        throw new IllegalStateException("the root is not the first inode");
      }
      // Ascending paths put every directory before what it holds.
      for (String dir : image.directories().tailSet("/", false)) {
        Path p = jimfs.getPath(dir);
        Files.createDirectories(p);
        initial.add(inode(p.getParent()), InodeTree.nameOf(dir), inode(p), true);
      }
      for (String file : image.files()) {
        Path p = jimfs.getPath(file);
        Files.write(p, image.bytesOf(file));
        long ino = inode(p);
        initial.add(inode(p.getParent()), InodeTree.nameOf(file), ino, false);
        initial.setContent(ino, image.bytesOf(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("building an in-memory image failed", e);
    }
  }

  FileSystem jimfs() {
    return jimfs;
  }

  FileOpLog log() {
    return log;
  }

  InodeTree initial() {
    return initial;
  }

  /** The lock every mutation and its log entry are made under. */
  Object lock() {
    return this;
  }

  FileChannel open(Path j, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
      throws IOException {
    if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
      throw new UnsupportedOperationException(
          "DELETE_ON_CLOSE would unlink outside the log; delete the file instead");
    }
    boolean writing =
        options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    synchronized (lock()) {
      if (Files.isDirectory(j, NOFOLLOW)) {
        if (writing) {
          throw new FileSystemException(j.toString(), null, "Is a directory");
        }
        return new DirectoryChannel(this, inode(j), j.toString());
      }
      boolean existed = Files.exists(j, NOFOLLOW);
      long oldSize = existed ? Files.size(j) : 0;
      FileChannel delegate = jimfs.provider().newFileChannel(j, options, attrs);
      long ino = inode(j);
      if (!existed) {
        log.append(new FileOp.Create(j.toString(), inode(j.getParent()), ino));
      } else if (writing && options.contains(StandardOpenOption.TRUNCATE_EXISTING) && oldSize > 0) {
        log.append(new FileOp.Truncate(ino, 0));
      }
      Boolean syncEach =
          options.contains(StandardOpenOption.SYNC)
              ? Boolean.TRUE
              : options.contains(StandardOpenOption.DSYNC) ? Boolean.FALSE : null;
      return new LoggingFileChannel(
          this, delegate, ino, options.contains(StandardOpenOption.APPEND), syncEach);
    }
  }

  void createDirectory(Path j, FileAttribute<?>... attrs) throws IOException {
    synchronized (lock()) {
      jimfs.provider().createDirectory(j, attrs);
      log.append(new FileOp.Mkdir(j.toString(), inode(j.getParent()), inode(j)));
    }
  }

  void delete(Path j) throws IOException {
    synchronized (lock()) {
      long ino = inode(j);
      long parent = inode(parentOf(j));
      jimfs.provider().delete(j);
      log.append(new FileOp.Delete(j.toString(), parent, ino));
    }
  }

  void move(Path from, Path to, CopyOption... options) throws IOException {
    synchronized (lock()) {
      long ino = inode(from);
      long fromParent = inode(parentOf(from));
      boolean replaced = Files.exists(to, NOFOLLOW);
      if (replaced && fileKey(to).equals(fileKey(from))) {
        return;
      }
      jimfs.provider().move(from, to, options);
      log.append(
          new FileOp.Rename(
              from.toString(), fromParent, to.toString(), inode(to.getParent()), ino, replaced));
    }
  }

  /** A copy as its logged parts: the target's removal if replaced, its creation, its bytes. */
  void copy(Path from, Path to, CopyOption... options) throws IOException {
    synchronized (lock()) {
      if (Files.exists(to, NOFOLLOW)) {
        if (fileKey(to).equals(fileKey(from))) {
          return;
        }
        if (!Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING)) {
          throw new FileAlreadyExistsException(to.toString());
        }
        delete(to);
      }
      if (Files.isDirectory(from, NOFOLLOW)) {
        createDirectory(to);
        return;
      }
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(from));
      try (FileChannel c =
          open(to, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        // A channel over memory writes all it is given.
        c.write(bytes);
      }
    }
  }

  void logWrite(long ino, long offset, byte[] bytes) {
    log.append(new FileOp.Write(ino, offset, bytes));
  }

  void logTruncate(long ino, long size) {
    log.append(new FileOp.Truncate(ino, size));
  }

  void logForce(long ino, boolean metadata) {
    log.append(new FileOp.Force(ino, metadata));
  }

  void logDirSync(String path, long ino) {
    log.append(new FileOp.DirSync(path, ino));
  }

  /** What Jimfs holds now, read from Jimfs itself (not from the log). */
  FsImage snapshot() throws IOException {
    TreeSet<String> dirs = new TreeSet<>();
    TreeMap<String, byte[]> files = new TreeMap<>();
    synchronized (lock()) {
      try (Stream<Path> all = Files.walk(jimfs.getPath("/"))) {
        for (Path p : (Iterable<Path>) all::iterator) {
          if (Files.isDirectory(p, NOFOLLOW)) {
            dirs.add(p.toString());
          } else {
            files.put(p.toString(), Files.readAllBytes(p));
          }
        }
      }
    }
    return new FsImage(dirs, files);
  }

  /** The inode of the file or directory at {@code j}; throws NoSuchFileException if none. */
  long inode(Path j) throws IOException {
    synchronized (lock()) {
      return inodes.computeIfAbsent(fileKey(j), k -> nextInode++);
    }
  }

  private static Object fileKey(Path j) throws IOException {
    return Files.readAttributes(j, BasicFileAttributes.class, NOFOLLOW).fileKey();
  }

  private static Path parentOf(Path j) throws FileSystemException {
    Path parent = j.getParent();
    if (parent == null) {
      throw new FileSystemException(j.toString(), null, "the root has no parent to change");
    }
    return parent;
  }
}
