package io.powercut.property;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * How a failing value is made smaller before it is reported.
 *
 * @param <T> the type of values shrunk
 */
@FunctionalInterface
public interface ShrinkStrategy<T> {

  /**
   * Shrinks {@code failing}, which is known to fail, calling {@code stillFails} at most {@code
   * budget} times.
   */
  ShrinkResult<T> shrink(T failing, Predicate<T> stillFails, int budget);

  /** Reports the failing value as it is. */
  static <T> ShrinkStrategy<T> none() {
    return (failing, stillFails, budget) -> ShrinkResult.unshrunk(failing);
  }

  /** Delta debugging over list elements; see {@link Shrinker#ddmin}. */
  static <E> ShrinkStrategy<List<E>> ddmin() {
    return Shrinker::ddminResult;
  }

  /** Greedy descent through {@code candidates}; see {@link Shrinker#shrink}. */
  static <T> ShrinkStrategy<T> greedy(
      Function<? super T, ? extends Stream<? extends T>> candidates) {
    return (failing, stillFails, budget) ->
        Shrinker.shrinkResult(failing, candidates, stillFails, budget);
  }
}
