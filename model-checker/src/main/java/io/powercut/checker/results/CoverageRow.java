package io.powercut.checker.results;

/**
 * One row of the coverage table: how often an operation kind ran with each outcome, and the crash
 * points inside it.
 */
public record CoverageRow(long ok, long refused, long failed, long crashPoints) {
  /** A row that counts nothing. */
  public static final CoverageRow ZERO = new CoverageRow(0, 0, 0, 0);

  public long ran() {
    return ok + refused + failed;
  }

  public CoverageRow plus(CoverageRow o) {
    return new CoverageRow(
        ok + o.ok, refused + o.refused, failed + o.failed, crashPoints + o.crashPoints);
  }
}
