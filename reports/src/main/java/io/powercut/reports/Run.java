package io.powercut.reports;

import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import java.util.List;

/**
 * One run as read from a results file: its start (null if the file lacks it), its progress samples
 * in order, and its end (null if it did not finish).
 *
 * @param source the file it came from, as given
 * @param id the run id within that file
 */
public record Run(
    String source, String id, RunStart start, List<ProgressSample> progress, RunEnd end) {

  /** A short name for legends: command, run id, seed and shard where known. */
  public String label() {
    if (start == null) {
      return id;
    }
    String name = id.equals(start.command()) ? id : start.command() + " " + id;
    String shard =
        start.shard() == null || start.shard().equals("0/1") ? "" : " shard " + start.shard();
    return name + " seed " + start.seed() + shard;
  }

  /** The seeded-bug and fuzz commands' runs write their own records, not campaign counters. */
  public boolean isCampaign() {
    return end != null;
  }
}
