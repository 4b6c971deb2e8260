package io.powercut.checker;

import io.powercut.checker.results.StatsRecord;
import io.powercut.checker.results.VerdictCounts;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counters of a campaign, for the summary table and the reports. Not thread-safe. */
public final class CampaignStats {
  public long workloads;
  public long operations;
  public long crashPoints;
  public long exhaustivePoints;
  public long sampledPoints;

  /** Distinct states the enumerator produced (after its own deduplication). */
  public long crashStates;

  /** States whose recovery actually ran; the rest were merged with an equivalent one. */
  public long statesRecovered;

  public long statesMerged;
  public long duplicatesSkipped;

  /** Crash states whose recovery found leaked blocks (allowed), and those blocks in all. */
  public long statesWithLeaks;

  public long leakedBlocks;
  public long secondOpinions;
  public long secondOpinionDisagreements;
  public long violations;

  /**
   * An order-independent fingerprint of every crash state judged (workload, position, state,
   * verdict): a sum, so the fingerprints of shards add up to the unsharded campaign's exactly when
   * they judged the same states.
   */
  public long stateDigest;

  public final Map<FaultClass, long[]> byFault = new EnumMap<>(FaultClass.class);

  /** Number of crash points by how many unflushed writes they had. */
  public final Map<Integer, Long> unflushedHistogram = new TreeMap<>();

  /** How often each kind of operation ran, with which outcome, and the crash points inside it. */
  public final Coverage coverage = new Coverage();

  /** Counts a verdict for a fault class. */
  public void record(FaultClass fault, Verdict v) {
    byFault.computeIfAbsent(fault, f -> new long[Verdict.values().length])[v.ordinal()]++;
  }

  public long count(FaultClass fault, Verdict v) {
    long[] c = byFault.get(fault);
    return c == null ? 0 : c[v.ordinal()];
  }

  /** Crash states judged, merged or not. */
  public long statesChecked() {
    return statesRecovered + statesMerged;
  }

  public void add(CampaignStats o) {
    workloads += o.workloads;
    operations += o.operations;
    crashPoints += o.crashPoints;
    exhaustivePoints += o.exhaustivePoints;
    sampledPoints += o.sampledPoints;
    crashStates += o.crashStates;
    statesRecovered += o.statesRecovered;
    statesMerged += o.statesMerged;
    duplicatesSkipped += o.duplicatesSkipped;
    statesWithLeaks += o.statesWithLeaks;
    leakedBlocks += o.leakedBlocks;
    secondOpinions += o.secondOpinions;
    secondOpinionDisagreements += o.secondOpinionDisagreements;
    violations += o.violations;
    stateDigest += o.stateDigest;
    o.byFault.forEach(
        (f, c) -> {
          long[] mine = byFault.computeIfAbsent(f, x -> new long[Verdict.values().length]);
          for (int i = 0; i < c.length; i++) {
            mine[i] += c[i];
          }
        });
    o.unflushedHistogram.forEach((k, v) -> unflushedHistogram.merge(k, v, Long::sum));
    coverage.add(o.coverage);
  }

  /** Every counter as a results record (the state digest stays in memory: shards compare it). */
  public StatsRecord toRecord() {
    Map<String, VerdictCounts> counts = new TreeMap<>();
    byFault.forEach(
        (f, c) ->
            counts.put(
                f.id(),
                new VerdictCounts(
                    c[Verdict.OK.ordinal()],
                    c[Verdict.MASKED.ordinal()],
                    c[Verdict.DETECTED.ordinal()],
                    c[Verdict.VIOLATION.ordinal()])));
    return new StatsRecord(
        workloads,
        operations,
        crashPoints,
        exhaustivePoints,
        sampledPoints,
        crashStates,
        statesRecovered,
        statesMerged,
        duplicatesSkipped,
        secondOpinions,
        secondOpinionDisagreements,
        violations,
        counts,
        unflushedHistogram,
        coverage.rows());
  }

  /**
   * The counters of a results record, so that the records of several runs can be summed.
   *
   * @throws IllegalArgumentException if the record counts a fault class this checker does not know
   *     (it would be dropped silently when merging)
   */
  public static CampaignStats of(StatsRecord r) {
    CampaignStats s = new CampaignStats();
    s.workloads = r.workloads();
    s.operations = r.operations();
    s.crashPoints = r.crashPoints();
    s.exhaustivePoints = r.exhaustivePoints();
    s.sampledPoints = r.sampledPoints();
    s.crashStates = r.crashStates();
    s.statesRecovered = r.statesRecovered();
    s.statesMerged = r.statesMerged();
    s.duplicatesSkipped = r.duplicatesSkipped();
    s.secondOpinions = r.secondOpinions();
    s.secondOpinionDisagreements = r.secondOpinionDisagreements();
    s.violations = r.violations();
    r.byFault()
        .forEach(
            (id, c) -> {
              long[] counts = new long[Verdict.values().length];
              counts[Verdict.OK.ordinal()] = c.ok();
              counts[Verdict.MASKED.ordinal()] = c.masked();
              counts[Verdict.DETECTED.ordinal()] = c.detected();
              counts[Verdict.VIOLATION.ordinal()] = c.violation();
              s.byFault.put(FaultClass.byId(id), counts);
            });
    s.unflushedHistogram.putAll(r.unflushed());
    r.coverage().forEach(s.coverage::add);
    return s;
  }
}
