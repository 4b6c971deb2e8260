package io.powercut.engine.h2;

import io.powercut.fs.CrashFileSystem;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binds crash file systems to names that H2 file names can carry: {@code crash:fs42:/work/h2/x.mv}
 * is file {@code /work/h2/x.mv} of the file system bound as {@code fs42}. H2 finds a {@code
 * FilePath} by a static registry of schemes, so the file system cannot travel with the store; a
 * name per binding lets runs on several threads each reach their own, and closing the binding
 * unbinds it, so a finished run's file system is never reached again (nor kept alive).
 */
public final class CrashFsRegistry {
  private static final Map<String, CrashFileSystem> BOUND = new ConcurrentHashMap<>();
  private static final AtomicLong NAMES = new AtomicLong();

  private CrashFsRegistry() {}

  /**
   * Binds {@code fs} under a fresh name until the binding is closed. The adapter of each H2 release
   * registers its own scheme ({@link CrashFilePath#bind} for the class path's).
   */
  public static Binding bind(CrashFileSystem fs) {
    Objects.requireNonNull(fs, "fs");
    String name = "fs" + NAMES.incrementAndGet();
    BOUND.put(name, fs);
    return new Binding(name);
  }

  /** The file system bound as {@code name}; throws if none is (its run has ended). */
  public static CrashFileSystem lookup(String name) {
    CrashFileSystem fs = BOUND.get(name);
    if (fs == null) {
      throw new IllegalStateException(
          "expected a crash file system bound as '" + name + "', got none (its run has ended)");
    }
    return fs;
  }

  /** How many file systems are bound now, for tests that check runs unbind theirs. */
  static int boundCount() {
    return BOUND.size();
  }

  /** One file system's name; {@link #url} makes H2 file names on it. */
  public static final class Binding implements AutoCloseable {
    private final String name;

    private Binding(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    /** The {@link CrashFilePath} file name of {@code path} (absolute) on the bound file system. */
    public String url(String path) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("expected an absolute path, got '" + path + "'");
      }
      return CrashFilePath.SCHEME + ":" + name + ":" + path;
    }

    @Override
    public void close() {
      BOUND.remove(name);
    }
  }
}
