package io.powercut.fs;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The provider of one {@link CrashFileSystem}: mutations go through the file system's logged live
 * view, queries straight to Jimfs. Not installed (there is no global {@code crashfs:} scheme):
 * paths reach it through their file system, and URIs only of its own file system resolve.
 */
public final class CrashFileSystemProvider extends FileSystemProvider {
  /** The URI scheme of crash file system paths. */
  public static final String SCHEME = "crashfs";

  private final CrashFileSystem fs;

  CrashFileSystemProvider(CrashFileSystem fs) {
    this.fs = fs;
  }

  private Path jimfs(Path path) {
    return CrashPath.unwrap(fs, path);
  }

  private Path logged(Path path) {
    CrashPath.unwrap(fs, path);
    return ((CrashPath) path).absolute();
  }

  private FileSystemProvider jimfsProvider() {
    return fs.live().jimfs().provider();
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new FileSystemAlreadyExistsException(
        "crash file systems are made by CrashFileSystem.create, not by URI " + uri);
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    checkUri(uri);
    return fs;
  }

  @Override
  public Path getPath(URI uri) {
    checkUri(uri);
    return fs.getPath(uri.getPath());
  }

  private void checkUri(URI uri) {
    if (!SCHEME.equals(uri.getScheme()) || !fs.name().equals(uri.getAuthority())) {
      throw new IllegalArgumentException(
          "expected a URI " + SCHEME + "://" + fs.name() + "/..., got " + uri);
    }
  }

  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return fs.live().open(logged(path), options, attrs);
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return newFileChannel(path, options, attrs);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    DirectoryStream<Path> entries =
        jimfsProvider().newDirectoryStream(jimfs(dir), p -> filter.accept(fs.wrap(p)));
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        Iterator<Path> it = entries.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Path next() {
            return fs.wrap(it.next());
          }
        };
      }

      @Override
      public void close() throws IOException {
        entries.close();
      }
    };
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    fs.live().createDirectory(logged(dir), attrs);
  }

  @Override
  public void delete(Path path) throws IOException {
    fs.live().delete(logged(path));
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    fs.live().copy(logged(source), logged(target), options);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    fs.live().move(logged(source), logged(target), options);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    return jimfsProvider().isSameFile(jimfs(path), jimfs(path2));
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    return jimfsProvider().isHidden(jimfs(path));
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    return jimfsProvider().getFileStore(jimfs(path));
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    jimfsProvider().checkAccess(jimfs(path), modes);
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return jimfsProvider().getFileAttributeView(jimfs(path), type, options);
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    return jimfsProvider().readAttributes(jimfs(path), type, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    return jimfsProvider().readAttributes(jimfs(path), attributes, options);
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    // Times and permissions are not part of a crash image, so they are not logged.
    jimfsProvider().setAttribute(jimfs(path), attribute, value, options);
  }
}
