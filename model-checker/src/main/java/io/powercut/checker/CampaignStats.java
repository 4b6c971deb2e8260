package io.powercut.checker;

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
}
