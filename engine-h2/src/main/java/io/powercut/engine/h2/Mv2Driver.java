package io.powercut.engine.h2;

import io.powercut.fs.CrashFileSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.h2.engine.Constants;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.RandomAccessStore;

/** The driver of the H2 on the class path (2.5.252), through {@link CrashFilePath}. */
final class Mv2Driver implements MvStoreDriver {
  /** Bytes {@code compact} may rewrite and move in one call: more than any workload stores. */
  static final int COMPACT_LIMIT = 1 << 26;

  @Override
  public String version() {
    return Constants.VERSION;
  }

  @Override
  public String describe(Throwable e) {
    String code =
        e instanceof MVStoreException m ? " (MVStore error " + m.getErrorCode() + ")" : "";
    return e.getClass().getSimpleName() + code + ": " + e.getMessage();
  }

  @Override
  public Session bind(CrashFileSystem fs) {
    CrashFsRegistry.Binding b = CrashFilePath.bind(fs);
    return new Session() {
      @Override
      public Store open(String file, int retentionMs) {
        return new Mv2Store(H2Store.open(b.url(file), retentionMs));
      }

      @Override
      public void close() {
        b.close();
      }
    };
  }

  private static final class Mv2Store implements Store {
    private final MVStore store;
    private final List<MVMap<Long, byte[]>> maps = new ArrayList<>();

    Mv2Store(MVStore store) {
      this.store = store;
    }

    // Maps open lazily: recovery must not create a map the crash lost.
    private MVMap<Long, byte[]> map(int m) {
      while (maps.size() <= m) {
        maps.add(null);
      }
      if (maps.get(m) == null) {
        maps.set(m, H2Store.map(store, m));
      }
      return maps.get(m);
    }

    @Override
    public void createMaps() {
      for (int m = 0; m < H2Subject.MAPS; m++) {
        map(m);
      }
    }

    @Override
    public long currentVersion() {
      return store.getCurrentVersion();
    }

    @Override
    public void put(int m, long key, byte[] value) {
      map(m).put(key, value);
    }

    @Override
    public void remove(int m, long key) {
      map(m).remove(key);
    }

    @Override
    public void commit() {
      store.commit();
    }

    @Override
    public void sync() {
      store.sync();
    }

    @Override
    public void compact() {
      store.compact(100, COMPACT_LIMIT);
      ((RandomAccessStore) store.getFileStore()).compactMoveChunks(100, COMPACT_LIMIT, store);
    }

    @Override
    public void close() {
      store.close();
    }

    @Override
    public void closeImmediately() {
      store.closeImmediately();
    }

    @Override
    public SortedMap<Long, byte[]> read(int m) {
      if (!store.hasMap(H2Subject.mapName(m))) {
        return null;
      }
      TreeMap<Long, byte[]> content = new TreeMap<>();
      for (Map.Entry<Long, byte[]> e : map(m).entrySet()) {
        content.put(e.getKey(), e.getValue());
      }
      return content;
    }
  }
}
