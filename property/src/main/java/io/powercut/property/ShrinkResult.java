package io.powercut.property;

/**
 * What a shrink produced and what it cost.
 *
 * @param value the smallest failing value found (the input itself when nothing smaller failed)
 * @param steps how many times a smaller failing value replaced the current one
 * @param calls how many times the failure predicate ran, never more than the budget
 * @param budgetExhausted whether shrinking stopped for lack of budget rather than at a local
 *     minimum, in which case {@code value} may not be minimal
 * @param <T> the type of the shrunk value
 */
public record ShrinkResult<T>(T value, int steps, int calls, boolean budgetExhausted) {

  /** The result of not shrinking {@code value} at all. */
  public static <T> ShrinkResult<T> unshrunk(T value) {
    return new ShrinkResult<>(value, 0, 0, false);
  }
}
