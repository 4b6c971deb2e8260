package io.powercut.fuzz;

import io.powercut.property.Shrinker;
import java.util.List;

/**
 * Shrinks a failing case to the fewest mutations that still fail the same way (the same {@link
 * Failure#signature()}), by delta debugging over the mutation list.
 */
public final class Minimizer {
  /** Most verdicts one shrink may ask for; a hang costs a deadline each. */
  static final int BUDGET = 120;

  static final int HANG_BUDGET = 12;

  private Minimizer() {}

  /** The smallest failing variant of {@code failing} found within the budget. */
  public static Case minimize(Corpus corpus, Judge judge, Case failing, Failure failure) {
    if (failing.mutations().size() <= 1) {
      return failing;
    }
    int budget = failure.kind() == Failure.Kind.HANG ? HANG_BUDGET : BUDGET;
    List<Mutation> smallest =
        Shrinker.ddmin(
            failing.mutations(),
            ms -> {
              ImageVerdict v = judge.judge(corpus.image(failing.with(ms)));
              return v.failed() && v.failure().signature().equals(failure.signature());
            },
            budget);
    return failing.with(smallest);
  }
}
