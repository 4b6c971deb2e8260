package io.powercut.checker;

import java.util.List;

/**
 * What a subject found recovering from an image: the state it read back, or the corruption that
 * stopped it, and the problems its structural check reported.
 */
public record Recovery<S>(S state, String corruption, List<String> problems) {
  public static <S> Recovery<S> recovered(S state, List<String> problems) {
    return new Recovery<>(state, null, List.copyOf(problems));
  }

  public static <S> Recovery<S> corrupt(String error) {
    return new Recovery<>(null, error, List.of());
  }

  /** Whether recovery succeeded and the check found nothing. */
  public boolean clean() {
    return corruption == null && problems.isEmpty();
  }
}
