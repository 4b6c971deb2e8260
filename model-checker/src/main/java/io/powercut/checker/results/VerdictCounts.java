package io.powercut.checker.results;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Verdict;

/** How many crash states of one fault class got each verdict. */
public record VerdictCounts(long ok, long masked, long detected, long violation) {

  static VerdictCounts of(CampaignStats s, FaultClass f) {
    return new VerdictCounts(
        s.count(f, Verdict.OK),
        s.count(f, Verdict.MASKED),
        s.count(f, Verdict.DETECTED),
        s.count(f, Verdict.VIOLATION));
  }

  /** Crash states of the class judged, whatever the verdict. */
  public long checked() {
    return ok + masked + detected + violation;
  }

  long count(Verdict v) {
    return switch (v) {
      case OK -> ok;
      case MASKED -> masked;
      case DETECTED -> detected;
      case VIOLATION -> violation;
    };
  }
}
