package io.powercut.property;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a generator that picks among alternatives in proportion to integer weights, for example
 * many writes, some flushes and a rare crash. Obtain one from {@link Gens#weighted()}.
 *
 * @param <T> the type of generated values
 */
public final class Weighted<T> {
  private final List<Long> cumulative = new ArrayList<>();
  private final List<Gen<? extends T>> gens = new ArrayList<>();
  private long total;

  Weighted() {}

  /** Adds an alternative chosen with probability {@code weight / (sum of all weights)}. */
  public Weighted<T> add(int weight, Gen<? extends T> gen) {
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be positive, got " + weight);
    }
    total += weight;
    cumulative.add(total);
    gens.add(gen);
    return this;
  }

  /** Adds a constant alternative; shorthand for {@code add(weight, Gens.constant(value))}. */
  public Weighted<T> add(int weight, T value) {
    return add(weight, Gens.constant(value));
  }

  /** The generator over the alternatives added so far; later additions do not affect it. */
  public Gen<T> build() {
    if (gens.isEmpty()) {
      throw new IllegalStateException("weighted() needs at least one alternative");
    }
    long[] bounds = cumulative.stream().mapToLong(Long::longValue).toArray();
    List<Gen<? extends T>> choices = List.copyOf(gens);
    long sum = total;
    return random -> {
      long ticket = random.nextLong(sum);
      int i = 0;
      while (ticket >= bounds[i]) {
        i++;
      }
      return choices.get(i).next(random);
    };
  }
}
