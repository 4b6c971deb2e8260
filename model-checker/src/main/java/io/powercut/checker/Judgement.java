package io.powercut.checker;

/**
 * A crash state's verdict and, unless it is OK, what was found; and the blocks its recovery found
 * leaked (allowed, counted).
 */
public record Judgement(Verdict verdict, String explanation, long leaked) {
  /** A judgement of a state whose recovery found no leak. */
  public Judgement(Verdict verdict, String explanation) {
    this(verdict, explanation, 0);
  }

  public boolean isViolation() {
    return verdict == Verdict.VIOLATION;
  }
}
