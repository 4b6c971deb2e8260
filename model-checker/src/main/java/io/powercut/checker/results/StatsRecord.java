package io.powercut.checker.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every counter of a campaign, as written in an {@code end} record and as a {@link
 * ProgressListener} is told. {@code byFault} is keyed by fault class id ({@code drop}, {@code
 * torn}, ...); {@code unflushed} maps a number of unflushed writes to the number of crash points
 * that had it; {@code coverage} maps an operation kind's id to how often it ran with each outcome
 * and the crash points inside it (absent in files from before it existed). The checker fills it and
 * reads it back, rejecting fault classes it does not know.
 */
public record StatsRecord(
    long workloads,
    long operations,
    long crashPoints,
    long exhaustivePoints,
    long sampledPoints,
    long crashStates,
    long statesRecovered,
    long statesMerged,
    long duplicatesSkipped,
    long secondOpinions,
    long secondOpinionDisagreements,
    long violations,
    Map<String, VerdictCounts> byFault,
    Map<Integer, Long> unflushed,
    Map<String, CoverageRow> coverage) {

  public StatsRecord {
    byFault = byFault == null ? Map.of() : Map.copyOf(byFault);
    unflushed = unflushed == null ? Map.of() : Map.copyOf(unflushed);
    // Absent from files written before the coverage table existed.
    coverage =
        coverage == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
  }

  /** Crash states judged, merged or not. */
  public long statesChecked() {
    return statesRecovered + statesMerged;
  }
}
