package io.powercut.property;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Deterministic shrinking under a budget of predicate calls, because each call may replay a whole
 * crash scenario.
 */
public final class Shrinker {
  private Shrinker() {}

  /**
   * Delta debugging (Zeller and Hildebrandt's ddmin): the returned order-preserving sublist of
   * {@code failing} still fails, and, unless the budget ran out, removing any single element from
   * it makes {@code stillFails} false (1-minimality). {@code failing} itself is assumed to fail and
   * is not tested again.
   *
   * @param budget the maximum number of {@code stillFails} calls
   */
  public static <T> List<T> ddmin(List<T> failing, Predicate<List<T>> stillFails, int budget) {
    return ddminResult(failing, stillFails, budget).value();
  }

  /** {@link #ddmin} with the cost of the search. */
  public static <T> ShrinkResult<List<T>> ddminResult(
      List<T> failing, Predicate<List<T>> stillFails, int budget) {
    List<T> input = new ArrayList<>(failing);
    // Candidates are sets of input positions, which keeps order and makes repeats cheap to spot.
    Budget<List<Integer>> test =
        new Budget<>(positions -> stillFails.test(pick(input, positions)), budget);
    List<Integer> current = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      current.add(i);
    }
    int granularity = 2;
    int steps = 0;
    while (!current.isEmpty() && !test.exhausted()) {
      int n = Math.min(granularity, current.size());
      List<List<Integer>> chunks = split(current, n);
      List<Integer> next = null;
      // With one chunk the only subset is the list itself, which is known to fail.
      for (int i = 0; n > 1 && next == null && i < n; i++) {
        if (test.fails(chunks.get(i))) {
          next = chunks.get(i);
          granularity = 2;
        }
      }
      // With two chunks each complement is the other chunk, already tested above.
      for (int i = 0; n != 2 && next == null && i < n; i++) {
        List<Integer> complement = complement(chunks, i);
        if (test.fails(complement)) {
          next = complement;
          granularity = Math.max(n - 1, 2);
        }
      }
      if (next != null) {
        current = next;
        steps++;
      } else if (n == current.size()) {
        break; // every single element was removed in turn and none could go: 1-minimal
      } else {
        granularity = Math.min(2 * n, current.size());
      }
    }
    return new ShrinkResult<>(pick(input, current), steps, test.calls(), test.exhausted());
  }

  /**
   * Greedy hill-climbing: repeatedly moves to the first of {@code candidates(current)} that still
   * fails, until no candidate fails (a local minimum) or the budget is spent. Candidates should be
   * ordered most-aggressive first, as {@link #towardsZero} does, so that few calls are wasted.
   *
   * @param budget the maximum number of {@code stillFails} calls
   */
  public static <T> T shrink(
      T value,
      Function<? super T, ? extends Stream<? extends T>> candidates,
      Predicate<? super T> stillFails,
      int budget) {
    return shrinkResult(value, candidates, stillFails, budget).value();
  }

  /** {@link #shrink} with the cost of the search. */
  public static <T> ShrinkResult<T> shrinkResult(
      T value,
      Function<? super T, ? extends Stream<? extends T>> candidates,
      Predicate<? super T> stillFails,
      int budget) {
    Budget<T> test = new Budget<>(stillFails, budget);
    T current = value;
    int steps = 0;
    boolean moved = true;
    // A refused call never moves, so running out of budget also ends this loop.
    while (moved) {
      moved = false;
      try (Stream<? extends T> stream = candidates.apply(current)) {
        Iterator<? extends T> it = stream.iterator();
        while (!moved && !test.exhausted() && it.hasNext()) {
          T candidate = it.next();
          if (test.fails(candidate)) {
            current = candidate;
            steps++;
            moved = true;
          }
        }
      }
    }
    return new ShrinkResult<>(current, steps, test.calls(), test.exhausted());
  }

  /**
   * Shrink candidates for an integer, most aggressive first: {@code 0}, then {@code value} moved
   * half, a quarter, ... of the way to zero, ending one step from {@code value}. Because the last
   * candidate is always one step closer, greedy shrinking of a threshold failure stops exactly at
   * the threshold.
   */
  public static Stream<Long> towardsZero(long value) {
    return LongStream.iterate(value, distance -> distance != 0, distance -> distance / 2)
        .mapToObj(distance -> value - distance);
  }

  private static <T> List<T> pick(List<T> input, List<Integer> positions) {
    List<T> picked = new ArrayList<>(positions.size());
    for (int position : positions) {
      picked.add(input.get(position));
    }
    return picked;
  }

  private static List<List<Integer>> split(List<Integer> list, int n) {
    List<List<Integer>> chunks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // Chunk sizes differ by at most one, larger chunks first.
      chunks.add(list.subList(i * list.size() / n, (i + 1) * list.size() / n));
    }
    return chunks;
  }

  private static List<Integer> complement(List<List<Integer>> chunks, int skipped) {
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      if (i != skipped) {
        rest.addAll(chunks.get(i));
      }
    }
    return rest;
  }

  /** Counts predicate calls, refuses calls past the budget and never repeats a passing call. */
  private static final class Budget<T> {
    private final Predicate<? super T> stillFails;
    private final int limit;
    private final Set<T> passed = new HashSet<>();
    private int calls;
    private boolean exhausted;

    Budget(Predicate<? super T> stillFails, int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("budget must not be negative, got " + limit);
      }
      this.stillFails = stillFails;
      this.limit = limit;
    }

    /** Whether {@code candidate} fails; {@code false} without calling once the budget is spent. */
    boolean fails(T candidate) {
      if (passed.contains(candidate)) {
        return false;
      }
      if (calls == limit) {
        exhausted = true;
        return false;
      }
      calls++;
      if (stillFails.test(candidate)) {
        return true;
      }
      passed.add(candidate);
      return false;
    }

    int calls() {
      return calls;
    }

    boolean exhausted() {
      return exhausted;
    }
  }
}
