package io.powercut.fs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory file system that can lose power. Code written against {@link Path} ({@code Files},
 * {@code FileChannel.open}, streams, directory streams, {@code Files.move} with {@code
 * ATOMIC_MOVE}) runs on it unchanged; the live view is a Jimfs file system, and every mutation,
 * force and directory sync is also appended to a {@link FileOpLog}. A directory is synced the Java
 * way, {@code FileChannel.open(dir, READ).force(true)}, or by {@link CrashFiles#syncDirectory}.
 *
 * <p>A checker marks the log around each engine operation ({@link #mark}), cuts the power at a
 * position ({@link #crashPoint}), lists the states a {@link PersistenceMode} allows there ({@link
 * FsCrashStateEnumerator}), and reopens the engine on {@link FsCrashPoint#materialize}, a fresh
 * file system holding one of them.
 *
 * <p>Not modelled, and so refused: symbolic and hard links, memory mapping, {@code
 * DELETE_ON_CLOSE}, watch services. Times and permissions live only in the live view; images hold
 * names and bytes.
 */
public final class CrashFileSystem extends FileSystem {
  private static final AtomicLong NAMES = new AtomicLong();

  private final String name = "crashfs-" + NAMES.incrementAndGet();
  private final LiveFiles live;
  private final CrashFileSystemProvider provider;
  private final CrashFiles files;

  private CrashFileSystem(FsImage initial) {
    live = new LiveFiles(initial);
    provider = new CrashFileSystemProvider(this);
    files = new CrashFiles(this);
  }

  /** An empty file system: the root and the working directory {@code /work}. */
  public static CrashFileSystem create() {
    return of(new FsImage(new TreeSet<>(List.of("/", "/work")), new TreeMap<>()));
  }

  /** A file system that starts out holding {@code image}, with an empty log. */
  public static CrashFileSystem of(FsImage image) {
    return new CrashFileSystem(image);
  }

  /** The log of every mutation, force, directory sync and mark so far. */
  public FileOpLog log() {
    return live.log();
  }

  /** Appends a free-text mark to the log and returns its index. */
  public int mark(String label) {
    return live.log().mark(label);
  }

  /** A power loss at {@code position} of the log, judged by {@code mode}. */
  public FsCrashPoint crashPoint(int position, PersistenceMode mode) {
    return new FsCrashPoint(live.initial(), live.log(), position, mode);
  }

  /** A power loss now. */
  public FsCrashPoint crashPoint(PersistenceMode mode) {
    return crashPoint(live.log().size(), mode);
  }

  /** What the live file system holds now, read from it rather than from the log. */
  public FsImage snapshot() throws IOException {
    return live.snapshot();
  }

  /** The string-path API, for adapters of other file SPIs (H2's {@code FilePath}). */
  public CrashFiles files() {
    return files;
  }

  String name() {
    return name;
  }

  LiveFiles live() {
    return live;
  }

  Path wrap(Path jimfsPath) {
    return new CrashPath(this, jimfsPath);
  }

  @Override
  public CrashFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() throws IOException {
    live.jimfs().close();
  }

  @Override
  public boolean isOpen() {
    return live.jimfs().isOpen();
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return live.jimfs().getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return List.of(wrap(live.jimfs().getPath("/")));
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return live.jimfs().getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return live.jimfs().supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(live.jimfs().getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = live.jimfs().getPathMatcher(syntaxAndPattern);
    return path -> matcher.matches(CrashPath.unwrap(this, path));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return live.jimfs().getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("a crash file system has no watch service");
  }

  @Override
  public String toString() {
    return name;
  }
}
