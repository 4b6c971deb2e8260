package io.powercut.checker;

/** A crash state's verdict and, unless it is OK, what was found. */
public record Judgement(Verdict verdict, String explanation) {
  public boolean isViolation() {
    return verdict == Verdict.VIOLATION;
  }
}
