package io.powercut.checker;

import java.util.List;

/**
 * What a subject found recovering from an image: the state it read back, or the corruption that
 * stopped it, the problems its structural check reported, and how many blocks it found leaked
 * (allocated, referenced by nothing: what a crash may leave of in-flight allocations, allowed and
 * counted).
 */
public record Recovery<S>(S state, String corruption, List<String> problems, long leaked) {
  public Recovery {
    if (leaked < 0) {
      throw new IllegalArgumentException("leaked: expected >= 0, got " + leaked);
    }
  }

  /** A recovery that found no leak. */
  public Recovery(S state, String corruption, List<String> problems) {
    this(state, corruption, problems, 0);
  }

  public static <S> Recovery<S> recovered(S state, List<String> problems) {
    return new Recovery<>(state, null, List.copyOf(problems));
  }

  public static <S> Recovery<S> corrupt(String error) {
    return new Recovery<>(null, error, List.of());
  }

  /** The same recovery, having found {@code blocks} leaked blocks. */
  public Recovery<S> withLeaked(long blocks) {
    return new Recovery<>(state, corruption, problems, blocks);
  }

  /** Whether recovery succeeded and the check found nothing. */
  public boolean clean() {
    return corruption == null && problems.isEmpty();
  }
}
