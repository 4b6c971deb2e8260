package io.powercut.property.junit;

/**
 * A property was falsified. The message names the failing seed, the original and the shrunk case,
 * the cause and the reproduce line; the cause is the shrunk case's own failure.
 */
public final class PropertyFailure extends AssertionError {
  private final long seed;
  private final transient Object originalCase;
  private final transient Object shrunkCase;
  private final String reproduceLine;

  PropertyFailure(
      String message,
      Throwable cause,
      long seed,
      Object originalCase,
      Object shrunkCase,
      String reproduceLine) {
    super(message, cause);
    this.seed = seed;
    this.originalCase = originalCase;
    this.shrunkCase = shrunkCase;
    this.reproduceLine = reproduceLine;
  }

  /** The seed whose generated case failed; {@code -Dpowercut.seed} with it runs only that case. */
  public long seed() {
    return seed;
  }

  /** The case as generated from {@link #seed()}. */
  public Object originalCase() {
    return originalCase;
  }

  /** The smallest failing case shrinking found. */
  public Object shrunkCase() {
    return shrunkCase;
  }

  /** The {@code REPRODUCE: mvn ...} line that re-runs only this seed. */
  public String reproduceLine() {
    return reproduceLine;
  }
}
