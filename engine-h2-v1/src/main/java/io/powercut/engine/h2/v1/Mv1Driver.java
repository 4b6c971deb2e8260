package io.powercut.engine.h2.v1;

import io.powercut.engine.h2.CrashFsRegistry;
import io.powercut.engine.h2.H2Subject;
import io.powercut.engine.h2.MvStoreDriver;
import io.powercut.fs.CrashFileSystem;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.h2.engine.Constants;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The driver of an H2 1.4.x release, loaded by engine-h2's release loader against that release's
 * jar. Same settings as the 2.5.252 driver except {@code keysPerPage}, which 1.4.x lacks.
 */
public final class Mv1Driver implements MvStoreDriver {
  static final int COMPACT_LIMIT = 1 << 26;

  @Override
  public String version() {
    // Read at run time: a compile-time constant would name 1.4.200 whichever jar is loaded.
    try {
      return Constants.class.getField("VERSION_MAJOR").getInt(null)
          + "."
          + Constants.class.getField("VERSION_MINOR").getInt(null)
          + "."
          + Constants.class.getField("BUILD_ID").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this H2 has no Constants.VERSION_MAJOR/MINOR/BUILD_ID", e);
    }
  }

  @Override
  public String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public Session bind(CrashFileSystem fs) {
    CrashFsRegistry.Binding binding = CrashFilePath1.bind(fs);
    return new Session() {
      @Override
      public Store open(String file, int retentionMs) {
        MVStore store =
            new MVStore.Builder()
                .fileName(CrashFilePath1.SCHEME + ":" + binding.name() + ":" + file)
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                .autoCompactFillRate(0)
                .pageSplitSize(4096)
                .cacheSize(1)
                .open();
        store.setRetentionTime(retentionMs);
        return new Store1(store);
      }

      @Override
      public void close() {
        binding.close();
      }
    };
  }

  private static final class Store1 implements Store {
    private final MVStore store;
    private final List<MVMap<Long, byte[]>> maps = new ArrayList<>();

    Store1(MVStore store) {
      this.store = store;
    }

    private MVMap<Long, byte[]> map(int m) {
      while (maps.size() <= m) {
        maps.add(null);
      }
      if (maps.get(m) == null) {
        maps.set(m, store.openMap(H2Subject.mapName(m)));
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

    // compactMoveChunks() returns boolean in 1.4.197 and void later: call it by name.
    @Override
    public void compact() {
      store.compact(100, COMPACT_LIMIT);
      try {
        MVStore.class.getMethod("compactMoveChunks").invoke(store);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("this H2 has no compactMoveChunks()", e);
      }
    }

    // 1.4.197 and 1.4.199 close the file without forcing it (1.4.200 writes a clean-shutdown
    // header and syncs). Their documentation promises only that close writes what is unsaved, so
    // the driver syncs first, as a careful user of those releases had to: the model's promise for
    // a clean close then holds on every release, and a campaign hunts the crash bugs instead.
    @Override
    public void close() {
      store.commit();
      store.sync();
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
