package io.powercut.bench;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.CrashSearch;
import io.powercut.checker.IoErrorPlan;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.Trace;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.thin.PoolState;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import io.powercut.pdata.Bugs;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One workload of `explore --initial-mappings 1000` on one thread, warmed up: the run on the engine
 * and the model, then every crash point enumerated, merged and recovered. Workloads cycle through
 * the first {@link #CYCLE} of the campaign's seed, so every iteration does the same mix; the tear
 * down prints how many crash states a workload recovered and judged on average, which turns the
 * time per workload into recoveries per second per core. Explore's warm-up (the first 15 seconds or
 * so of a run) is what this leaves out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Thread)
public class ExploreBench {
  private static final int CYCLE = 512;

  private ThinSubject subject;
  private WorkloadSource<ThinOp> source;
  private CrashSearch<ThinOp, PoolState> search;
  private final CampaignStats stats = new CampaignStats();
  private long next;

  @Setup
  public void setUp() {
    subject = new ThinSubject(1024, 8192, Bugs.NONE).withInitialMappings(1000);
    source = WorkloadSource.random(new ThinWorkloads(8, 4096, 8192).withBulk(5), 1, 40);
    search = new CrashSearch<>(subject, SearchOptions.defaults(1));
  }

  @Benchmark
  public long workload() throws IOException {
    Trace<ThinOp, PoolState> trace =
        Trace.run(subject, source.workload(next++ % CYCLE), IoErrorPlan.NONE);
    stats.workloads++;
    if (search.search(trace, stats) != null) {
      throw new IllegalStateException("a violation in a correct engine: " + stats.toRecord());
    }
    return stats.statesRecovered;
  }

  @TearDown
  public void report() {
    System.out.printf(
        "%n%.1f crash states recovered and judged per workload (%.1f merged)%n",
        (double) stats.statesRecovered / stats.workloads,
        (double) stats.statesMerged / stats.workloads);
  }
}
