package io.powercut.engine.h2;

import io.powercut.checker.Recovery;
import io.powercut.engine.h2.H2State.Contents;
import io.powercut.fs.CrashFileSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/** Reopens the store a power cut left and reads every map back (see {@link H2Subject}). */
final class H2Recovery {
  private H2Recovery() {}

  static Recovery<H2State> recover(CrashFileSystem fs, int retentionMs) {
    if (!fs.files().exists(H2Subject.FILE)) {
      return Recovery.corrupt("open: the store file " + H2Subject.FILE + " is gone");
    }
    try (CrashFsRegistry.Binding b = CrashFsRegistry.bind(fs)) {
      MVStore store;
      try {
        store = H2Store.open(b.url(H2Subject.FILE), retentionMs);
      } catch (RuntimeException | AssertionError e) {
        return Recovery.corrupt("open: " + describe(e));
      }
      try {
        return read(store);
      } finally {
        store.closeImmediately();
      }
    }
  }

  private static Recovery<H2State> read(MVStore store) {
    List<SortedMap<Long, StampedValue>> maps = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int m = 0; m < H2Subject.MAPS; m++) {
      String name = H2Subject.mapName(m);
      TreeMap<Long, StampedValue> content = new TreeMap<>();
      try {
        if (store.hasMap(name)) {
          MVMap<Long, byte[]> map = H2Store.map(store, m);
          for (Map.Entry<Long, byte[]> e : map.entrySet()) {
            StampedValue v = e.getValue() == null ? null : StampedValue.decode(e.getValue());
            if (e.getValue() == null) {
              problems.add(name + "[" + e.getKey() + "]: a key without a value");
            } else if (v == null) {
              problems.add(
                  name
                      + "["
                      + e.getKey()
                      + "]: "
                      + e.getValue().length
                      + " bytes that are no value ever written");
            } else {
              content.put(e.getKey(), v);
            }
          }
        }
      } catch (RuntimeException | AssertionError e) {
        return Recovery.corrupt("read " + name + ": " + describe(e));
      }
      maps.add(content);
    }
    return Recovery.recovered(new Contents(maps), problems);
  }

  // The exception's class, H2's error code when it has one, and its message.
  private static String describe(Throwable e) {
    String code =
        e instanceof MVStoreException m ? " (MVStore error " + m.getErrorCode() + ")" : "";
    return e.getClass().getSimpleName() + code + ": " + e.getMessage();
  }
}
