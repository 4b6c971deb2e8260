package io.powercut.engine.h2;

import io.powercut.checker.Recovery;
import io.powercut.engine.h2.H2State.Contents;
import io.powercut.fs.CrashFileSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reopens the store a power cut left and reads every map back (see {@link H2Subject}). */
final class H2Recovery {
  private H2Recovery() {}

  static Recovery<H2State> recover(MvStoreDriver driver, CrashFileSystem fs, int retentionMs) {
    if (!fs.files().exists(H2Subject.FILE)) {
      return Recovery.corrupt("open: the store file " + H2Subject.FILE + " is gone");
    }
    try (MvStoreDriver.Session session = driver.bind(fs)) {
      MvStoreDriver.Store store;
      try {
        store = session.open(H2Subject.FILE, retentionMs);
      } catch (RuntimeException | AssertionError e) {
        return Recovery.corrupt("open: " + driver.describe(e));
      }
      try {
        return read(driver, store);
      } finally {
        store.closeImmediately();
      }
    }
  }

  private static Recovery<H2State> read(MvStoreDriver driver, MvStoreDriver.Store store) {
    List<SortedMap<Long, StampedValue>> maps = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int m = 0; m < H2Subject.MAPS; m++) {
      String name = H2Subject.mapName(m);
      TreeMap<Long, StampedValue> content = new TreeMap<>();
      SortedMap<Long, byte[]> raw;
      try {
        raw = store.read(m);
      } catch (RuntimeException | AssertionError e) {
        return Recovery.corrupt("read " + name + ": " + driver.describe(e));
      }
      if (raw != null) {
        for (Map.Entry<Long, byte[]> e : raw.entrySet()) {
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
      maps.add(content);
    }
    return Recovery.recovered(new Contents(maps), problems);
  }
}
