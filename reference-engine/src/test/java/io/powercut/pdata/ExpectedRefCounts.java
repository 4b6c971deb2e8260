package io.powercut.pdata;

import static org.junit.jupiter.api.Assertions.fail;

import io.powercut.pdata.sm.SpaceMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reference counts a test expects, built by counting the pointers it finds (as thin_check does),
 * then compared with what a space map says for every block it covers.
 */
public final class ExpectedRefCounts {
  private final Map<Long, Long> counts = new HashMap<>();

  /** Counts one more reference to {@code b}; returns true if it is the first. */
  public boolean add(long b) {
    return counts.merge(b, 1L, Long::sum) == 1L;
  }

  public long get(long b) {
    return counts.getOrDefault(b, 0L);
  }

  /** Number of distinct blocks referenced. */
  public int size() {
    return counts.size();
  }

  public Map<Long, Long> asMap() {
    return new TreeMap<>(counts);
  }

  /**
   * Fails unless {@code sm} counts exactly the references found for every block it covers (so no
   * block is both free and in use, and none is leaked), and no reference points past its end.
   */
  public void assertMatches(SpaceMap sm, String what) throws IOException {
    assertMatches(sm, what, 0);
  }

  /**
   * As {@link #assertMatches(SpaceMap, String)}, but exactly {@code unseen} blocks the walk could
   * not reach must have count 1: mid-transaction, the metadata space map's live bitmaps are known
   * only to its in-memory index.
   */
  public void assertMatches(SpaceMap sm, String what, int unseen) throws IOException {
    List<String> wrong = new ArrayList<>();
    int singles = 0;
    for (long b = 0; b < sm.nrBlocks(); b++) {
      long actual = sm.count(b);
      long expected = get(b);
      if (expected == 0 && actual == 1 && singles < unseen) {
        singles++;
      } else if (actual != expected && wrong.size() < 20) {
        wrong.add("block " + b + ": expected " + expected + ", space map says " + actual);
      }
    }
    if (singles != unseen) {
      wrong.add(unseen + " unreachable blocks in use expected, found " + singles);
    }
    for (long b : counts.keySet()) {
      if (b < 0 || b >= sm.nrBlocks()) {
        wrong.add("reference to block " + b + " beyond the space map (" + sm.nrBlocks() + ")");
      }
    }
    if (!wrong.isEmpty()) {
      fail(what + " reference counts differ:\n  " + String.join("\n  ", wrong));
    }
  }

  /** Fails unless {@code actual} (block to count, zeros omitted or not) equals these counts. */
  public void assertMatches(Map<Long, Long> actual, String what) {
    Map<Long, Long> a = new TreeMap<>();
    actual.forEach(
        (b, c) -> {
          if (c != 0) {
            a.put(b, c);
          }
        });
    if (!a.equals(asMap())) {
      List<String> wrong = new ArrayList<>();
      TreeMap<Long, Long> all = new TreeMap<>(a);
      counts.forEach(all::putIfAbsent);
      for (long b : all.keySet()) {
        if (a.getOrDefault(b, 0L) != get(b) && wrong.size() < 20) {
          wrong.add("block " + b + ": expected " + get(b) + ", got " + a.getOrDefault(b, 0L));
        }
      }
      fail(what + " reference counts differ:\n  " + String.join("\n  ", wrong));
    }
  }
}
