package io.powercut.checker;

import java.time.Duration;

/**
 * A campaign's settings.
 *
 * @param seed the campaign seed; workload {@code i} gets {@code Seeds.derive(seed, i)}
 * @param workloads how many workloads to run at most (-1: as many as the source has, or until
 *     {@code duration})
 * @param duration how long to run (null: no limit)
 * @param search how each crash point is searched
 * @param ioErrorVariants runs per workload with an injected IO error (0: none)
 * @param shrink whether to shrink a finding
 * @param shrinkBudget most candidate runs per shrinking step
 * @param keepGoing run all workloads even after a finding
 * @param threads workloads run at once
 * @param shardIndex this shard (0-based) when the campaign is split {@code shardCount} ways
 * @param shardCount number of shards (1: no sharding)
 * @param progressEvery how often to report progress
 */
public record ExploreOptions(
    long seed,
    long workloads,
    Duration duration,
    SearchOptions search,
    int ioErrorVariants,
    boolean shrink,
    int shrinkBudget,
    boolean keepGoing,
    int threads,
    int shardIndex,
    int shardCount,
    Duration progressEvery) {

  public ExploreOptions {
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException(
          "shard " + shardIndex + "/" + shardCount + " is not K/N with 0 <= K < N");
    }
  }

  public static ExploreOptions of(long seed, long workloads) {
    return new ExploreOptions(
        seed,
        workloads,
        null,
        SearchOptions.defaults(seed),
        0,
        true,
        300,
        false,
        1,
        0,
        1,
        Duration.ofSeconds(2));
  }

  /** Workload {@code index} belongs to this shard: shards partition the seed space by index. */
  public boolean inShard(long index) {
    return Math.floorMod(index, shardCount) == shardIndex;
  }

  public ExploreOptions withSearch(SearchOptions s) {
    return with(b -> b.search = s);
  }

  public ExploreOptions withIoErrorVariants(int n) {
    return with(b -> b.ioErrorVariants = n);
  }

  public ExploreOptions withThreads(int n) {
    return with(b -> b.threads = n);
  }

  public ExploreOptions withShrink(boolean s) {
    return with(b -> b.shrink = s);
  }

  public ExploreOptions withShard(int index, int count) {
    return with(
        b -> {
          b.shardIndex = index;
          b.shardCount = count;
        });
  }

  public ExploreOptions withDuration(Duration d, long maxWorkloads) {
    return with(
        b -> {
          b.duration = d;
          b.workloads = maxWorkloads;
        });
  }

  public ExploreOptions withKeepGoing(boolean k) {
    return with(b -> b.keepGoing = k);
  }

  private ExploreOptions with(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** A mutable copy of the options, for the {@code with} methods. */
  private static final class Fields {
    long seed;
    long workloads;
    Duration duration;
    SearchOptions search;
    int ioErrorVariants;
    boolean shrink;
    int shrinkBudget;
    boolean keepGoing;
    int threads;
    int shardIndex;
    int shardCount;
    Duration progressEvery;

    Fields(ExploreOptions o) {
      seed = o.seed;
      workloads = o.workloads;
      duration = o.duration;
      search = o.search;
      ioErrorVariants = o.ioErrorVariants;
      shrink = o.shrink;
      shrinkBudget = o.shrinkBudget;
      keepGoing = o.keepGoing;
      threads = o.threads;
      shardIndex = o.shardIndex;
      shardCount = o.shardCount;
      progressEvery = o.progressEvery;
    }

    ExploreOptions build() {
      return new ExploreOptions(
          seed,
          workloads,
          duration,
          search,
          ioErrorVariants,
          shrink,
          shrinkBudget,
          keepGoing,
          threads,
          shardIndex,
          shardCount,
          progressEvery);
    }
  }
}
