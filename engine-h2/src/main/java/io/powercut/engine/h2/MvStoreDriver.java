package io.powercut.engine.h2;

import io.powercut.fs.CrashFileSystem;
import java.util.SortedMap;

/**
 * What the subject does with one H2 release's MVStore, in types of the JDK and powercut only, so a
 * release other than the class path's can implement it behind its own class loader (two versions of
 * {@code org.h2} cannot share one).
 */
public interface MvStoreDriver {
  /** The H2 release, e.g. {@code 2.5.252}. */
  String version();

  /** The exception's class, H2's error code when it has one, and its message. */
  String describe(Throwable e);

  /** Routes H2's file access to {@code fs} until the session is closed. */
  Session bind(CrashFileSystem fs);

  /** A crash file system bound as H2 file names. */
  interface Session extends AutoCloseable {
    /** Opens (creating if absent) the store at {@code file} with the settings of the subject. */
    Store open(String file, int retentionMs);

    @Override
    void close();
  }

  /** An open store holding maps {@code 0} to {@link H2Subject#MAPS}{@code - 1}. */
  interface Store {
    /** Opens every map, creating the absent ones. */
    void createMaps();

    long currentVersion();

    void put(int map, long key, byte[] value);

    void remove(int map, long key);

    void commit();

    void sync();

    /** Rewrites sparse chunks and moves chunks to the start of the file. */
    void compact();

    /** Commits, marks a clean shutdown and syncs. */
    void close();

    /** Drops the store without writing, as a power cut does. */
    void closeImmediately();

    /** Map {@code m}'s entries, or null if the store has no such map; throws on corruption. */
    SortedMap<Long, byte[]> read(int map);
  }
}
