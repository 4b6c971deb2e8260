package io.powercut.engine.h2.v1;

import io.powercut.engine.h2.CrashFsRegistry;
import io.powercut.fs.CrashFileSystem;
import io.powercut.fs.CrashFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.h2.store.fs.FilePath;

/**
 * H2's file SPI over a {@link CrashFileSystem}, so MVStore runs on it unchanged and every write,
 * truncate, force, create, rename and delete it makes is logged. File names are {@code
 * crash1:NAME:/abs/path}, NAME a binding of {@link #bind}. Open files are the file system's own
 * logged channels ({@link CrashFiles#open}); their locks are in-memory locks that always succeed
 * for one process. Times and permissions are not part of crash images: {@link #setReadOnly} is
 * refused and every existing file is writable.
 */
final class CrashFilePath1 extends FilePath {
  static final String SCHEME = "crash1";

  /** Registers the scheme and binds {@code fs} under a fresh name until the binding is closed. */
  static CrashFsRegistry.Binding bind(CrashFileSystem fs) {
    register();
    return CrashFsRegistry.bind(fs);
  }

  private static final CrashFilePath1 PROVIDER = new CrashFilePath1(null, null);

  // Null only for the provider instance H2's registry holds.
  private final String fsName;
  private final String path;

  private CrashFilePath1(String fsName, String path) {
    this.fsName = fsName;
    this.path = path;
    this.name = fsName == null ? SCHEME + ":" : SCHEME + ":" + fsName + ":" + path;
  }

  /** Makes H2 route {@code crash1:} names here; idempotent. */
  static void register() {
    FilePath.register(PROVIDER);
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public CrashFilePath1 getPath(String url) {
    String prefix = SCHEME + ":";
    int colon = url.indexOf(':', prefix.length());
    if (!url.startsWith(prefix) || colon < 0) {
      throw new IllegalArgumentException("expected '" + SCHEME + ":NAME:/path', got '" + url + "'");
    }
    String p = url.substring(colon + 1);
    if (!p.startsWith("/")) {
      throw new IllegalArgumentException("expected an absolute path in '" + url + "'");
    }
    return new CrashFilePath1(url.substring(prefix.length(), colon), normalize(p));
  }

  // Drops repeated and trailing slashes, so parents and names compare as strings.
  private static String normalize(String p) {
    String n = p.replaceAll("/+", "/");
    return n.length() > 1 && n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private CrashFileSystem fs() {
    return CrashFsRegistry.lookup(fsName);
  }

  private CrashFiles files() {
    return fs().files();
  }

  private CrashFilePath1 sibling(String p) {
    return new CrashFilePath1(fsName, p);
  }

  @Override
  public long size() {
    try {
      return files().exists(path) ? files().size(path) : 0;
    } catch (IOException e) {
      throw DbException.convertIOException(e, name);
    }
  }

  @Override
  public void moveTo(FilePath newName, boolean atomicReplace) {
    CrashFilePath1 to = (CrashFilePath1) newName;
    if (!to.fsName.equals(fsName)) {
      throw DbException.get(ErrorCode.FILE_RENAME_FAILED_2, name, to.name + " (other file system)");
    }
    try {
      files().rename(path, to.path, atomicReplace);
    } catch (FileAlreadyExistsException e) {
      throw DbException.get(ErrorCode.FILE_RENAME_FAILED_2, name, to.name + " (exists)");
    } catch (IOException e) {
      throw DbException.get(ErrorCode.FILE_RENAME_FAILED_2, e, name, to.name);
    }
  }

  @Override
  public boolean createFile() {
    try {
      files().createFile(path);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw DbException.convertIOException(e, name);
    }
  }

  @Override
  public boolean exists() {
    return files().exists(path);
  }

  /** Deletes the file or empty directory if it exists, as H2's disk file system does. */
  @Override
  public void delete() {
    try {
      files().delete(path);
    } catch (NoSuchFileException e) {
      // Nothing to delete.
    } catch (IOException e) {
      throw DbException.get(ErrorCode.FILE_DELETE_FAILED_1, e, name);
    }
  }

  @Override
  public List<FilePath> newDirectoryStream() {
    try {
      List<FilePath> entries = new ArrayList<>();
      String dir = path.equals("/") ? "" : path;
      for (String entry : files().list(path)) {
        entries.add(sibling(dir + "/" + entry));
      }
      return entries;
    } catch (IOException e) {
      throw DbException.convertIOException(e, name);
    }
  }

  /** Names are absolute and normalized, and links are not modelled: a name is its real path. */
  @Override
  public FilePath toRealPath() {
    return this;
  }

  @Override
  public FilePath getParent() {
    int slash = path.lastIndexOf('/');
    if (path.equals("/")) {
      return null;
    }
    return sibling(slash == 0 ? "/" : path.substring(0, slash));
  }

  @Override
  public boolean isDirectory() {
    return files().isDirectory(path);
  }

  // Not abstract in 1.4.x; kept for the releases that ask.
  public boolean isRegularFile() {
    return Files.isRegularFile(fs().getPath(path));
  }

  @Override
  public boolean isAbsolute() {
    return true;
  }

  @Override
  public long lastModified() {
    try {
      return Files.getLastModifiedTime(fs().getPath(path)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public boolean canWrite() {
    return files().exists(path);
  }

  /** Creates the directory unless it exists; a file by that name is an error. */
  @Override
  public void createDirectory() {
    if (files().isDirectory(path)) {
      return;
    }
    try {
      files().createDirectory(path);
    } catch (IOException e) {
      throw DbException.get(ErrorCode.FILE_CREATION_FAILED_1, e, name);
    }
  }

  /** Modes as {@code RandomAccessFile}'s: r, rw, rws (sync each write), rwd (data sync). */
  @Override
  public java.io.InputStream newInputStream() throws IOException {
    return java.nio.channels.Channels.newInputStream(open("r"));
  }

  @Override
  public java.io.OutputStream newOutputStream(boolean append) throws IOException {
    FileChannel c = open("rw");
    if (append) {
      c.position(c.size());
    } else {
      c.truncate(0);
    }
    return java.nio.channels.Channels.newOutputStream(c);
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    return files().open(path, options(mode));
  }

  private static OpenOption[] options(String mode) {
    return switch (mode) {
      case "r" -> new OpenOption[] {StandardOpenOption.READ};
      case "rw" -> rw();
      case "rws" -> rw(StandardOpenOption.SYNC);
      case "rwd" -> rw(StandardOpenOption.DSYNC);
      default ->
          throw new IllegalArgumentException("expected mode r, rw, rws or rwd, got '" + mode + "'");
    };
  }

  private static OpenOption[] rw(OpenOption... more) {
    List<OpenOption> o =
        new ArrayList<>(
            List.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE));
    o.addAll(List.of(more));
    return o.toArray(OpenOption[]::new);
  }

  /** Permissions are not part of a crash image, so a file cannot be made read-only. */
  @Override
  public boolean setReadOnly() {
    return false;
  }
}
