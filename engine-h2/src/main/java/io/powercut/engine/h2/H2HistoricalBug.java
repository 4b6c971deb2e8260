package io.powercut.engine.h2;

import io.powercut.checker.ExploreOptions;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.fs.FileCampaignResult;
import io.powercut.checker.fs.FileExplorer;
import io.powercut.checker.results.ProgressListener;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;

/**
 * Crash bugs H2 shipped in MVStore and fixed later, each with the campaign that rediscovers it: the
 * release that had it, the release that fixed it, and the persistence model its report assumes
 * (docs/findings/h2-historical.md). The real engine's counterpart of the seeded-bug catalogs: a bug
 * counts as rediscovered when the campaign finds it on the first release and not on the second.
 */
public enum H2HistoricalBug {
  PARTIAL_WRITE(
      "h2-2049",
      "https://github.com/h2database/h2database/issues/2049",
      "a partial write of the newest chunk, at the end of the file, loses synced data",
      "1.4.199",
      "1.4.200",
      "",
      true,
      false,
      16),
  CHUNK_MOVE(
      "h2-2067",
      "https://github.com/h2database/h2database/issues/2067",
      "a crash in the middle of a chunk move loses synced data, with no reordering",
      "1.4.199",
      "1.4.200",
      // 1.4.200 moves no chunk younger than the retention time: at the default it would not move.
      " retention=0",
      false,
      true,
      40);

  /** Operations per workload of every campaign. */
  public static final int OPS = 30;

  private final String id;
  private final String report;
  private final String description;
  private final String buggy;
  private final String fixed;
  private final String fixedParameters;
  private final boolean torn;
  private final boolean compaction;
  private final int workloads;

  H2HistoricalBug(
      String id,
      String report,
      String description,
      String buggy,
      String fixed,
      String fixedParameters,
      boolean torn,
      boolean compaction,
      int workloads) {
    this.id = id;
    this.report = report;
    this.description = description;
    this.buggy = buggy;
    this.fixed = fixed;
    this.fixedParameters = fixedParameters;
    this.torn = torn;
    this.compaction = compaction;
    this.workloads = workloads;
  }

  public String id() {
    return id;
  }

  /** H2's issue. */
  public String report() {
    return report;
  }

  public String description() {
    return description;
  }

  /** The release that had the bug. */
  public String buggyRelease() {
    return buggy;
  }

  /** The release that fixed it. */
  public String fixedRelease() {
    return fixed;
  }

  /** The subject spec the campaign runs on {@code release}. */
  public String spec(String release) {
    return H2Subject.NAME + " version=" + release + (release.equals(fixed) ? fixedParameters : "");
  }

  /** Both bugs' reports say they need no reordering: in-order, torn writes where one is. */
  public PersistenceMode mode() {
    return PersistenceMode.IN_ORDER;
  }

  /** Whether the campaign tears writes. */
  public boolean torn() {
    return torn;
  }

  /**
   * The campaign on {@code release}: {@code workloads} of {@link #OPS} operations from {@code
   * seed}, on {@code threads} threads, stopping at the first finding.
   */
  public FileCampaignResult<H2Op> run(String release, long seed, int threads) throws IOException {
    SearchOptions search =
        SearchOptions.defaults(seed)
            .withEnumeration(SearchOptions.defaults(seed).enumeration().withTorn(torn));
    H2Subject subject = H2Subject.fromSpec(spec(release));
    H2Workloads generator =
        compaction ? new H2Workloads(4) : new H2Workloads(4).withoutCompaction();
    return new FileExplorer<>(
            () -> subject,
            WorkloadSource.random(generator, seed, OPS),
            ExploreOptions.of(seed, workloads).withThreads(threads).withSearch(search),
            mode(),
            ProgressListener.NONE)
        .run();
  }
}
