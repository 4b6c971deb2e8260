package io.powercut.checker;

import java.util.List;

/**
 * What the engine promises, in memory: the state a recovery must find. The model advances with each
 * operation given the engine's outcome (so it can accept the engine's choices, e.g. which free
 * block it allocated) and says whether that outcome was allowed.
 */
public interface Model<O, S> {
  /**
   * Judges the engine's outcome of {@code op} and advances. Returns null if the outcome is one the
   * engine may give, else what is wrong ("create_thin 3 refused, but device 3 does not exist").
   */
  String apply(O op, Outcome outcome);

  /** The state a crash now must recover: the last committed one. */
  S committed();

  /**
   * The states a crash may recover when it strikes during {@code op} (whose outcome is known): the
   * committed state before and after it, which are the same for an operation that commits nothing.
   * Called after {@link #apply}, with the state before the operation.
   */
  default List<S> allowedDuring(S before) {
    S after = committed();
    return before.equals(after) ? List.of(after) : List.of(before, after);
  }

  /** Null if {@code recovered} is {@code expected}, else a readable list of differences. */
  String diff(S expected, S recovered);

  /**
   * Whether {@code recovered} is {@code expected}: {@link #diff} is null. A model overrides it with
   * a comparison that builds no text, since most recoveries match one allowed state and not the
   * others.
   */
  default boolean matches(S expected, S recovered) {
    return diff(expected, recovered) == null;
  }
}
