package io.powercut.property;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Factories for the basic generators; combine them with {@link Gen#map} and friends. */
public final class Gens {
  private Gens() {}

  /** Always generates {@code value}. */
  public static <T> Gen<T> constant(T value) {
    return random -> value;
  }

  /** Uniform ints in {@code [lo, hiInclusive]}; the full int range is allowed. */
  public static Gen<Integer> ints(int lo, int hiInclusive) {
    checkRange(lo, hiInclusive);
    // Widening to long lets hiInclusive be Integer.MAX_VALUE without overflow.
    return random -> (int) random.nextLong(lo, (long) hiInclusive + 1);
  }

  /** Uniform longs in {@code [lo, hiInclusive]}; the full long range is allowed. */
  public static Gen<Long> longs(long lo, long hiInclusive) {
    checkRange(lo, hiInclusive);
    if (hiInclusive != Long.MAX_VALUE) {
      return random -> random.nextLong(lo, hiInclusive + 1);
    }
    if (lo == Long.MIN_VALUE) {
      return random -> random.nextLong();
    }
    // hiInclusive + 1 would overflow, so draw from the range shifted down by one.
    return random -> random.nextLong(lo - 1, hiInclusive) + 1;
  }

  /** Booleans that are {@code true} with probability {@code pTrue}. */
  public static Gen<Boolean> bools(double pTrue) {
    if (!(pTrue >= 0 && pTrue <= 1)) {
      throw new IllegalArgumentException("pTrue must be within [0, 1], got " + pTrue);
    }
    return random -> random.nextDouble() < pTrue;
  }

  /** One of {@code values}, uniformly. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(T... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("oneOf needs at least one value");
    }
    // Copied element by element: handing the varargs array itself on could pollute the heap.
    List<T> choices = new ArrayList<>(values.length);
    for (T value : values) {
      choices.add(value);
    }
    return random -> choices.get(random.nextInt(choices.size()));
  }

  /** A value from one of {@code gens}, the generator chosen uniformly. */
  public static <T> Gen<T> oneOfGens(List<Gen<? extends T>> gens) {
    if (gens.isEmpty()) {
      throw new IllegalArgumentException("oneOfGens needs at least one generator");
    }
    List<Gen<? extends T>> choices = List.copyOf(gens);
    return random -> choices.get(random.nextInt(choices.size())).next(random);
  }

  /** Starts a frequency choice: {@code Gens.<Op>weighted().add(9, write).add(1, crash).build()}. */
  public static <T> Weighted<T> weighted() {
    return new Weighted<>();
  }

  /**
   * Unmodifiable lists of {@code element} values, sized uniformly in {@code [minSize, maxSize]}.
   */
  public static <T> Gen<List<T>> listOf(Gen<? extends T> element, int minSize, int maxSize) {
    if (minSize < 0) {
      throw new IllegalArgumentException("minSize must not be negative, got " + minSize);
    }
    checkRange(minSize, maxSize);
    return random -> {
      int size = random.nextInt(minSize, maxSize + 1);
      List<T> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(element.next(random));
      }
      return Collections.unmodifiableList(list);
    };
  }

  /** Uniformly random byte arrays of exactly {@code length} bytes; each draw is a fresh array. */
  public static Gen<byte[]> bytes(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, got " + length);
    }
    return random -> {
      byte[] b = new byte[length];
      random.nextBytes(b);
      return b;
    };
  }

  /**
   * Unmodifiable sublists of {@code values} keeping their order, each element present with
   * probability one half, so every subset is equally likely.
   */
  public static <T> Gen<List<T>> subsetOf(List<? extends T> values) {
    List<T> all = new ArrayList<>(values);
    return random -> {
      List<T> subset = new ArrayList<>();
      for (T value : all) {
        if (random.nextBoolean()) {
          subset.add(value);
        }
      }
      return Collections.unmodifiableList(subset);
    };
  }

  private static void checkRange(long lo, long hiInclusive) {
    if (lo > hiInclusive) {
      throw new IllegalArgumentException("empty range [" + lo + ", " + hiInclusive + "]");
    }
  }
}
