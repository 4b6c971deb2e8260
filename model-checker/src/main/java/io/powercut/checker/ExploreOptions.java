package io.powercut.checker;

import io.powercut.device.EnumerationOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A campaign's settings. A campaign ends when its source runs out of workloads, at its workload
 * limit, at its time limit, or at its first finding unless {@code keepGoing}.
 *
 * @param seed the campaign seed; workload {@code i} gets {@code Seeds.derive(seed, i)}
 * @param workloadLimit the most workloads to run (empty: as many as the source has)
 * @param timeLimit how long to run (empty: no time limit)
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
    OptionalLong workloadLimit,
    Optional<Duration> timeLimit,
    SearchOptions search,
    int ioErrorVariants,
    boolean shrink,
    int shrinkBudget,
    boolean keepGoing,
    int threads,
    int shardIndex,
    int shardCount,
    Duration progressEvery) {
  /** How many IO-error variants of each workload {@link #withFaults} asks for with IOERROR. */
  public static final int IO_ERROR_VARIANTS = 4;

  public ExploreOptions {
    Objects.requireNonNull(workloadLimit, "workloadLimit");
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(progressEvery, "progressEvery");
    if (workloadLimit.isPresent() && workloadLimit.getAsLong() < 0) {
      throw new IllegalArgumentException("workload limit " + workloadLimit.getAsLong() + " < 0");
    }
    if (timeLimit.isPresent() && timeLimit.get().isNegative()) {
      throw new IllegalArgumentException("time limit " + timeLimit.get() + " is negative");
    }
    if (ioErrorVariants < 0 || shrinkBudget < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "io error variants "
              + ioErrorVariants
              + ", shrink budget "
              + shrinkBudget
              + ", threads "
              + threads
              + ": need >= 0, >= 1, >= 1");
    }
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException(
          "shard " + shardIndex + "/" + shardCount + " is not K/N with 0 <= K < N");
    }
  }

  /** At most {@code workloads} workloads, with the defaults for everything else. */
  public static ExploreOptions of(long seed, long workloads) {
    return unlimited(seed).withWorkloadLimit(workloads);
  }

  /**
   * No workload or time limit: only for a source that ends ({@link WorkloadSource#exhaustive}),
   * unless a limit is added.
   */
  public static ExploreOptions unlimited(long seed) {
    return new ExploreOptions(
        seed,
        OptionalLong.empty(),
        Optional.empty(),
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

  /** Whether nothing but the source's end (or a finding) stops the campaign. */
  public boolean limitless() {
    return workloadLimit.isEmpty() && timeLimit.isEmpty();
  }

  public ExploreOptions withWorkloadLimit(long max) {
    return with(b -> b.workloadLimit = OptionalLong.of(max));
  }

  public ExploreOptions withTimeLimit(Duration d) {
    return with(b -> b.timeLimit = Optional.of(d));
  }

  public ExploreOptions withSearch(SearchOptions s) {
    return with(b -> b.search = s);
  }

  /**
   * The damage of {@code classes} on top of plain power loss (always on): torn, misdirected and
   * bit-rot crash states, and {@link #IO_ERROR_VARIANTS} IO-error variants of every workload.
   */
  public ExploreOptions withFaults(Set<FaultClass> classes) {
    EnumerationOptions e =
        search()
            .enumeration()
            .withTorn(classes.contains(FaultClass.TORN))
            .withMisdirect(classes.contains(FaultClass.MISDIRECT))
            .withBitRot(classes.contains(FaultClass.BITROT));
    return withSearch(search().withEnumeration(e))
        .withIoErrorVariants(classes.contains(FaultClass.IOERROR) ? IO_ERROR_VARIANTS : 0);
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

  public ExploreOptions withKeepGoing(boolean k) {
    return with(b -> b.keepGoing = k);
  }

  public ExploreOptions withProgressEvery(Duration every) {
    return with(b -> b.progressEvery = every);
  }

  private ExploreOptions with(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** A mutable copy of the options, for the {@code with} methods. */
  private static final class Fields {
    long seed;
    OptionalLong workloadLimit;
    Optional<Duration> timeLimit;
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
      workloadLimit = o.workloadLimit;
      timeLimit = o.timeLimit;
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
          workloadLimit,
          timeLimit,
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
