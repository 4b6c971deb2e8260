package io.powercut.fuzz;

/**
 * Values at the edges of a field's range, where checks are most often off by one: zero, one, the
 * neighbours of the current value, the largest value of the field's width and the sign boundary of
 * a 32- or 64-bit reader.
 */
final class Boundary {
  private Boundary() {}

  /** A value for a field of {@code bits} bits that now holds {@code current}. */
  static long of(Choices c, long current, int bits) {
    long max = bits == 64 ? -1L : (1L << bits) - 1;
    return switch (c.below(10)) {
          case 0 -> 0;
          case 1 -> 1;
          case 2 -> current - 1;
          case 3 -> current + 1;
          case 4 -> max;
          case 5 -> max - 1;
          case 6 -> 1L << (bits - 1);
          case 7 -> (1L << (bits - 1)) - 1;
          case 8 -> current * 2 + 1;
          default -> bits == 64 ? c.anyLong() : c.anyLong() & max;
        }
        & max;
  }

  /** One of {@code near}, or its neighbours, or a value of {@link #of}. */
  static long near(Choices c, long near, long current, int bits) {
    return switch (c.below(4)) {
      case 0 -> near;
      case 1 -> near - 1;
      case 2 -> near + 1;
      default -> of(c, current, bits);
    };
  }
}
