package io.powercut.thin.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How thin_dump 1.1.0 finds what devices share: each device is the sequence of its mapping tree's
 * leaves (block numbers, in key order), and the sequences are cut into the longest pieces that
 * every sequence passing through them goes through whole. A piece is cut before a leaf that starts
 * a sequence, that follows different leaves in different places, or that follows a piece's end; and
 * after a leaf that ends a sequence, that has no single successor, or whose (lowest) successor
 * starts a piece. A piece met more than once (or whose first leaf is a start twice over) is
 * <em>shared</em> and printed once, as a {@code <def>} named after its first leaf, which each
 * device then names with a {@code <ref>}; pieces met once are printed in place.
 */
public final class LeafRuns {
  /** One item of a device's rewritten sequence: a leaf printed in place, or a shared piece. */
  public record Item(boolean shared, long block) {}

  private final Map<Long, TreeSet<Long>> successors = new HashMap<>();
  private final Map<Long, Long> firstPredecessor = new HashMap<>();
  private final Set<Long> starts = new HashSet<>();
  private final Set<Long> ends = new HashSet<>();
  private final Set<Long> shared = new HashSet<>();
  private final TreeMap<Long, List<Long>> pieces = new TreeMap<>(Long::compareUnsigned);

  private LeafRuns() {}

  /** The pieces of {@code sequences} (one per device, in device order). */
  public static LeafRuns of(List<long[]> sequences) {
    LeafRuns r = new LeafRuns();
    for (long[] s : sequences) {
      r.add(s);
    }
    r.cut();
    return r;
  }

  private void startAt(long b) {
    if (!starts.add(b)) {
      shared.add(b);
    }
  }

  private void add(long[] seq) {
    for (int i = 0; i < seq.length; i++) {
      long b = seq[i];
      if (i == 0) {
        startAt(b);
      } else {
        long prev = seq[i - 1];
        if (!successors.get(prev).add(b)) {
          shared.add(b);
        }
        Long first = firstPredecessor.putIfAbsent(b, prev);
        if (first != null && first != prev) {
          startAt(b);
        }
      }
      successors.computeIfAbsent(b, k -> new TreeSet<>(Long::compareUnsigned));
    }
    if (seq.length > 0) {
      ends.add(seq[seq.length - 1]);
    }
  }

  private void cut() {
    List<Long> moreEnds = new ArrayList<>();
    successors.forEach(
        (b, next) -> {
          if (next.size() != 1 || !next.isEmpty() && starts.contains(next.first())) {
            moreEnds.add(b);
          }
        });
    ends.addAll(moreEnds);
    for (long end : ends) {
      TreeSet<Long> next = successors.get(end);
      if (next != null) {
        for (long n : next) {
          startAt(n);
        }
      }
    }
    for (long start : starts) {
      List<Long> piece = new ArrayList<>();
      long b = start;
      while (true) {
        piece.add(b);
        if (ends.contains(b) || piece.size() > successors.size()) {
          break;
        }
        b = successors.get(b).first();
      }
      pieces.put(start, piece);
    }
  }

  /** The shared pieces, by first leaf (ascending): what thin_dump prints as {@code <def>}s. */
  public Map<Long, List<Long>> sharedPieces() {
    Map<Long, List<Long>> defs = new TreeMap<>(Long::compareUnsigned);
    pieces.forEach(
        (start, piece) -> {
          if (shared.contains(start)) {
            defs.put(start, piece);
          }
        });
    return defs;
  }

  /**
   * {@code seq} (one of the sequences given) as leaves in place and references to shared pieces.
   */
  public List<Item> rewrite(long[] seq) {
    List<Item> items = new ArrayList<>();
    int i = 0;
    while (i < seq.length) {
      List<Long> piece = pieces.get(seq[i]);
      if (piece == null) {
        items.add(new Item(false, seq[i]));
        i++;
        continue;
      }
      if (shared.contains(seq[i])) {
        items.add(new Item(true, seq[i]));
      } else {
        for (long b : piece) {
          items.add(new Item(false, b));
        }
      }
      i += piece.size();
    }
    return items;
  }
}
