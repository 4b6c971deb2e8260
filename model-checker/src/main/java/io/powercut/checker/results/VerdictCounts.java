package io.powercut.checker.results;

/** How many crash states of one fault class got each verdict. */
public record VerdictCounts(long ok, long masked, long detected, long violation) {
  /** Crash states of the class judged, whatever the verdict. */
  public long checked() {
    return ok + masked + detected + violation;
  }
}
