package io.powercut.fuzz;

import io.powercut.thin.tools.ToolsGeneration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A fuzz campaign's settings. It ends at its time limit or its case limit, whichever comes first.
 *
 * @param seed the campaign seed: case {@code i} is the same image in every run of the seed
 * @param duration how long to run
 * @param caseLimit the most cases this shard runs (empty: until the duration ends)
 * @param threads workers judging images at once
 * @param deadline how long one image may take in our readers or in one real tool
 * @param thinCheckEvery every how many cases the real thin_check is asked too (0: never)
 * @param out where findings are saved
 * @param target what judges the images
 * @param shardIndex this shard (0-based) of {@code shardCount}
 * @param shardCount number of shards (1: no sharding)
 * @param tools the generations of the real tools asked (by the differential and the thin-tools
 *     target)
 */
public record FuzzOptions(
    long seed,
    Duration duration,
    OptionalLong caseLimit,
    int threads,
    Duration deadline,
    int thinCheckEvery,
    Path out,
    FuzzTarget target,
    int shardIndex,
    int shardCount,
    List<ToolsGeneration> tools) {
  /** How long one image may take, unless told otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

  public FuzzOptions {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(caseLimit, "caseLimit");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(target, "target");
    if (caseLimit.isPresent() && caseLimit.getAsLong() < 0) {
      throw new IllegalArgumentException("case limit " + caseLimit.getAsLong() + " < 0");
    }
    if (threads < 1 || thinCheckEvery < 0) {
      throw new IllegalArgumentException(
          "threads " + threads + ", thin_check every " + thinCheckEvery + ": need >= 1, >= 0");
    }
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException(
          "shard " + shardIndex + "/" + shardCount + " is not K/N with 0 <= K < N");
    }
    if (tools.isEmpty()) {
      throw new IllegalArgumentException("no generation of the real tools");
    }
    tools = List.copyOf(tools);
  }

  /**
   * A campaign on one thread for {@code duration}, the whole seed, no case limit, the {@link
   * #DEFAULT_DEADLINE}, thin_check never asked, the 0.9 tools.
   */
  public static FuzzOptions of(long seed, Duration duration, Path out, FuzzTarget target) {
    return new FuzzOptions(
        seed,
        duration,
        OptionalLong.empty(),
        1,
        DEFAULT_DEADLINE,
        0,
        out,
        target,
        0,
        1,
        List.of(ToolsGeneration.V0_9));
  }

  public FuzzOptions withCaseLimit(long max) {
    return with(f -> f.caseLimit = OptionalLong.of(max));
  }

  public FuzzOptions withThreads(int n) {
    return with(f -> f.threads = n);
  }

  public FuzzOptions withDeadline(Duration d) {
    return with(f -> f.deadline = d);
  }

  public FuzzOptions withThinCheckEvery(int every) {
    return with(f -> f.thinCheckEvery = every);
  }

  public FuzzOptions withShard(int index, int count) {
    return with(
        f -> {
          f.shardIndex = index;
          f.shardCount = count;
        });
  }

  public FuzzOptions withTools(List<ToolsGeneration> generations) {
    return with(f -> f.tools = generations);
  }

  /**
   * The campaign-wide number of this shard's {@code i}-th case: shard K of N takes cases K, K + N,
   * K + 2N..., so shards partition the cases of a seed and a case number means the same image in
   * every shard.
   */
  long caseNumber(long i) {
    return i * shardCount + shardIndex;
  }

  private FuzzOptions with(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** A mutable copy, for the {@code with} methods. */
  private static final class Fields {
    final long seed;
    final Duration duration;
    OptionalLong caseLimit;
    int threads;
    Duration deadline;
    int thinCheckEvery;
    final Path out;
    final FuzzTarget target;
    int shardIndex;
    int shardCount;
    List<ToolsGeneration> tools;

    Fields(FuzzOptions o) {
      seed = o.seed;
      duration = o.duration;
      caseLimit = o.caseLimit;
      threads = o.threads;
      deadline = o.deadline;
      thinCheckEvery = o.thinCheckEvery;
      out = o.out;
      target = o.target;
      shardIndex = o.shardIndex;
      shardCount = o.shardCount;
      tools = o.tools;
    }

    FuzzOptions build() {
      return new FuzzOptions(
          seed,
          duration,
          caseLimit,
          threads,
          deadline,
          thinCheckEvery,
          out,
          target,
          shardIndex,
          shardCount,
          tools);
    }
  }
}
