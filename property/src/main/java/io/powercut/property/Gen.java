package io.powercut.property;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values drawn only from the random source it is given, so that one seed always
 * yields the same value. Build generators from {@link Gens} and the combinators below.
 *
 * @param <T> the type of generated values
 */
@FunctionalInterface
public interface Gen<T> {

  /** Draws one value; all randomness must come from {@code random}. */
  T next(SplittableRandom random);

  /** Generates {@code f} applied to this generator's values. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return random -> f.apply(next(random));
  }

  /** Generates from the generator that {@code f} picks for each of this generator's values. */
  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    return random -> f.apply(next(random)).next(random);
  }

  /**
   * Generates only values accepted by {@code accept}, redrawing at most {@code maxTries} times.
   * Bounded because an over-strict filter would otherwise hang the test instead of failing it.
   *
   * @throws IllegalStateException from {@link #next} when {@code maxTries} draws in a row were
   *     rejected
   */
  default Gen<T> filter(Predicate<? super T> accept, int maxTries) {
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be at least 1, got " + maxTries);
    }
    return random -> {
      for (int i = 0; i < maxTries; i++) {
        T value = next(random);
        if (accept.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException(
          "filter rejected "
              + maxTries
              + " values in a row; generate valid values directly or loosen the filter");
    };
  }
}
