package io.powercut.checker.results;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.Coverage;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every counter of a {@link CampaignStats}, as written in an {@code end} record. Fault classes are
 * keyed by {@link FaultClass#id()}; {@code unflushed} maps a number of unflushed writes to the
 * number of crash points that had it; {@code coverage} maps an operation kind's id to how often it
 * ran with each outcome and the crash points inside it (absent in files from before it existed).
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
    Map<String, Coverage.Row> coverage) {

  public StatsRecord {
    byFault = byFault == null ? Map.of() : Map.copyOf(byFault);
    unflushed = unflushed == null ? Map.of() : Map.copyOf(unflushed);
    // Absent from files written before the coverage table existed.
    coverage =
        coverage == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
    for (String id : byFault.keySet()) {
      faultClass(id); // an unknown class would be dropped silently when merging
    }
  }

  public static StatsRecord of(CampaignStats s) {
    Map<String, VerdictCounts> byFault = new TreeMap<>();
    for (FaultClass f : s.byFault.keySet()) {
      byFault.put(f.id(), VerdictCounts.of(s, f));
    }
    return new StatsRecord(
        s.workloads,
        s.operations,
        s.crashPoints,
        s.exhaustivePoints,
        s.sampledPoints,
        s.crashStates,
        s.statesRecovered,
        s.statesMerged,
        s.duplicatesSkipped,
        s.secondOpinions,
        s.secondOpinionDisagreements,
        s.violations,
        byFault,
        s.unflushedHistogram,
        s.coverage.rows());
  }

  /** The counters as a {@link CampaignStats}, so that records of several runs can be summed. */
  public CampaignStats toCampaignStats() {
    CampaignStats s = new CampaignStats();
    s.workloads = workloads;
    s.operations = operations;
    s.crashPoints = crashPoints;
    s.exhaustivePoints = exhaustivePoints;
    s.sampledPoints = sampledPoints;
    s.crashStates = crashStates;
    s.statesRecovered = statesRecovered;
    s.statesMerged = statesMerged;
    s.duplicatesSkipped = duplicatesSkipped;
    s.secondOpinions = secondOpinions;
    s.secondOpinionDisagreements = secondOpinionDisagreements;
    s.violations = violations;
    byFault.forEach(
        (id, c) -> {
          long[] counts = new long[Verdict.values().length];
          for (Verdict v : Verdict.values()) {
            counts[v.ordinal()] = c.count(v);
          }
          s.byFault.put(faultClass(id), counts);
        });
    s.unflushedHistogram.putAll(unflushed);
    coverage.forEach(s.coverage::add);
    return s;
  }

  private static FaultClass faultClass(String id) {
    for (FaultClass f : FaultClass.values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown fault class '" + id + "'");
  }
}
