package io.powercut.engine.h2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the subject's maps hold: the {@link Contents} a recovery reads back, or the {@link Versions}
 * the model allows a recovery to find (any one of them, whole).
 */
public sealed interface H2State {
  /** The content of every map, {@code map0} first; a map that does not exist is empty. */
  record Contents(List<SortedMap<Long, StampedValue>> maps) implements H2State {
    public Contents {
      if (maps.size() != H2Subject.MAPS) {
        throw new IllegalArgumentException(
            "expected " + H2Subject.MAPS + " maps, got " + maps.size());
      }
      List<SortedMap<Long, StampedValue>> copy = new ArrayList<>(maps.size());
      for (SortedMap<Long, StampedValue> m : maps) {
        copy.add(Collections.unmodifiableSortedMap(new TreeMap<>(m)));
      }
      maps = List.copyOf(copy);
    }

    /** Every map empty: the initial store. */
    public static Contents empty() {
      List<SortedMap<Long, StampedValue>> maps = new ArrayList<>();
      for (int m = 0; m < H2Subject.MAPS; m++) {
        maps.add(new TreeMap<>());
      }
      return new Contents(maps);
    }

    /** Null if equal to {@code other}, else the first few differences. */
    String diff(Contents other) {
      List<String> d = new ArrayList<>();
      for (int m = 0; m < H2Subject.MAPS && d.size() < 4; m++) {
        TreeMap<Long, StampedValue> keys = new TreeMap<>(maps.get(m));
        keys.putAll(other.maps.get(m));
        for (Long k : keys.keySet()) {
          StampedValue mine = maps.get(m).get(k);
          StampedValue theirs = other.maps.get(m).get(k);
          if (mine == null ? theirs != null : !mine.equals(theirs)) {
            d.add(H2Subject.mapName(m) + "[" + k + "] expected " + mine + ", got " + theirs);
            if (d.size() == 4) {
              break;
            }
          }
        }
      }
      return d.isEmpty() ? null : String.join("; ", d);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int m = 0; m < H2Subject.MAPS; m++) {
        b.append(m == 0 ? "" : " ").append(H2Subject.mapName(m)).append('=').append(maps.get(m));
      }
      return b.toString();
    }
  }

  /**
   * The versions a crash may leave, oldest first: the last durable one and every version committed
   * since.
   */
  record Versions(List<Contents> allowed) implements H2State {
    public Versions {
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException("expected at least one allowed version, got none");
      }
      allowed = List.copyOf(allowed);
    }

    /** The newest allowed version. */
    public Contents newest() {
      return allowed.get(allowed.size() - 1);
    }
  }
}
