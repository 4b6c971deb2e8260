package io.powercut.thin.xml;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared definitions of a thin_dump 1.1 XML ({@code <def name="N">} with mappings), held in
 * memory as packed runs until the devices that {@code <ref>} them are read; each reference replays
 * the definition's runs, so every sink sees plain mappings.
 */
final class XmlDefs {
  private final Map<String, long[]> defs = new HashMap<>();
  private String current;
  private long[] runs = new long[64];
  private int size;

  /** Whether {@code name} is defined already. */
  boolean defined(String name) {
    return defs.containsKey(name);
  }

  /** Begins recording {@code name}'s runs. */
  void begin(String name) {
    current = name;
    size = 0;
  }

  /** Whether a definition is being recorded. */
  boolean recording() {
    return current != null;
  }

  void add(long origin, long data, long length, long time) {
    if (size + 4 > runs.length) {
      runs = Arrays.copyOf(runs, runs.length * 2);
    }
    runs[size++] = origin;
    runs[size++] = data;
    runs[size++] = length;
    runs[size++] = time;
  }

  void end() {
    defs.put(current, Arrays.copyOf(runs, size));
    current = null;
  }

  /** Replays {@code name}'s runs into {@code handler}; false if there is no such definition. */
  boolean replay(String name, PoolXmlHandler handler) throws IOException {
    long[] r = defs.get(name);
    if (r == null) {
      return false;
    }
    for (int i = 0; i < r.length; i += 4) {
      handler.mapping(r[i], r[i + 1], r[i + 2], r[i + 3]);
    }
    return true;
  }
}
