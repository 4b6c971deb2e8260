package io.powercut.fs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * A path of a {@link CrashFileSystem}: a Jimfs path under the crash file system's name, so that
 * {@code path.getFileSystem().provider()} is the logging provider and every {@code Files} call
 * through it is logged. Path arithmetic forwards to Jimfs.
 */
final class CrashPath implements Path {
  private final CrashFileSystem fs;
  private final Path delegate;

  CrashPath(CrashFileSystem fs, Path delegate) {
    this.fs = fs;
    this.delegate = delegate;
  }

  /** The Jimfs path behind {@code path}, which must belong to {@code fs}. */
  static Path unwrap(CrashFileSystem fs, Path path) {
    if (path instanceof CrashPath c && c.fs == fs) {
      return c.delegate;
    }
    throw new ProviderMismatchException(
        "expected a path of "
            + fs
            + ", got "
            + (path == null ? "null" : path.getClass().getName()));
  }

  /** The Jimfs path, absolute and normalized: the name the log records. */
  Path absolute() {
    return delegate.toAbsolutePath().normalize();
  }

  private Path wrap(Path p) {
    return p == null ? null : new CrashPath(fs, p);
  }

  @Override
  public CrashFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return delegate.isAbsolute();
  }

  @Override
  public Path getRoot() {
    return wrap(delegate.getRoot());
  }

  @Override
  public Path getFileName() {
    return wrap(delegate.getFileName());
  }

  @Override
  public Path getParent() {
    return wrap(delegate.getParent());
  }

  @Override
  public int getNameCount() {
    return delegate.getNameCount();
  }

  @Override
  public Path getName(int index) {
    return wrap(delegate.getName(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return wrap(delegate.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof CrashPath c && c.fs == fs && delegate.startsWith(c.delegate);
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof CrashPath c && c.fs == fs && delegate.endsWith(c.delegate);
  }

  @Override
  public Path normalize() {
    return wrap(delegate.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return wrap(delegate.resolve(unwrap(fs, other)));
  }

  @Override
  public Path relativize(Path other) {
    return wrap(delegate.relativize(unwrap(fs, other)));
  }

  @Override
  public URI toUri() {
    try {
      return new URI(CrashFileSystemProvider.SCHEME, fs.name(), absolute().toString(), null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("path " + this + " makes no URI", e);
    }
  }

  @Override
  public Path toAbsolutePath() {
    return wrap(delegate.toAbsolutePath());
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    return wrap(delegate.toRealPath(options));
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("a crash file system has no watch service");
  }

  @Override
  public int compareTo(Path other) {
    return delegate.compareTo(unwrap(fs, other));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CrashPath c && c.fs == fs && delegate.equals(c.delegate);
  }

  @Override
  public int hashCode() {
    return delegate.hashCode();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
