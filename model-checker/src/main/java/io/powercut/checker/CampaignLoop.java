package io.powercut.checker;

import io.powercut.checker.results.ProgressListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The schedule of a campaign, whatever level it checks at: workloads by index on the options'
 * threads (each thread with its own {@link Worker}), within the shard, the workload and time limits
 * and the source's size, stopping at the first finding unless {@code keepGoing}, with progress
 * reports. The counters of every workload are summed; the lowest-numbered workload's finding wins,
 * so a campaign's result does not depend on thread timing.
 */
public final class CampaignLoop {
  private CampaignLoop() {}

  /** Checks one workload; one per thread, so it may hold a subject. */
  public interface Worker<R> {
    /** Checks workload {@code index}: its counters and its finding (null if none). */
    WorkloadRun<R> run(long index) throws IOException;
  }

  /** What one workload produced: its counters and its finding, or null. */
  public record WorkloadRun<R>(CampaignStats stats, R finding) {}

  /** The summed counters, the first finding, and the wall time. */
  public record Outcome<R>(CampaignStats stats, Optional<R> finding, Duration elapsed) {}

  /** Runs workloads {@code 0, 1, ...} of a source of {@code sourceSize} (empty: endless). */
  public static <R> Outcome<R> run(
      ExploreOptions options,
      OptionalLong sourceSize,
      Supplier<? extends Worker<R>> workers,
      ProgressListener listener)
      throws IOException {
    requireEnd(options, sourceSize);
    long start = System.nanoTime();
    CampaignStats total = new CampaignStats();
    boolean stop = false;
    int threads = options.threads();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Indexed<R>>> running = new ArrayList<>();
    R first = null;
    long findingIndex = Long.MAX_VALUE;
    long next = 0;
    long lastReport = System.nanoTime();
    ThreadLocal<Worker<R>> local = ThreadLocal.withInitial(workers::get);
    try {
      while (true) {
        while (running.size() < 2 * threads && !stop && more(options, sourceSize, next, start)) {
          long index = next++;
          if (!options.inShard(index)) {
            continue;
          }
          running.add(pool.submit(() -> new Indexed<>(index, local.get().run(index))));
        }
        if (running.isEmpty()) {
          break;
        }
        Indexed<R> r = await(running.remove(0));
        total.add(r.run.stats());
        if (r.run.finding() != null && r.index < findingIndex) {
          first = r.run.finding();
          findingIndex = r.index;
          stop = !options.keepGoing();
        }
        if (System.nanoTime() - lastReport > options.progressEvery().toNanos()) {
          lastReport = System.nanoTime();
          listener.progress(total.toRecord(), Duration.ofNanos(lastReport - start));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    listener.progress(total.toRecord(), elapsed);
    return new Outcome<>(total, Optional.ofNullable(first), elapsed);
  }

  /** Throws unless something ends the campaign: the source's size or a workload or time limit. */
  public static void requireEnd(ExploreOptions options, OptionalLong sourceSize) {
    if (options.limitless() && sourceSize.isEmpty()) {
      throw new IllegalArgumentException(
          "a campaign over endless workloads needs a workload or time limit");
    }
  }

  private record Indexed<R>(long index, WorkloadRun<R> run) {}

  private static boolean more(ExploreOptions options, OptionalLong size, long next, long start) {
    if (next >= options.workloadLimit().orElse(Long.MAX_VALUE)
        || next >= size.orElse(Long.MAX_VALUE)) {
      return false;
    }
    return options.timeLimit().map(d -> System.nanoTime() - start < d.toNanos()).orElse(true);
  }

  private static <R> Indexed<R> await(Future<Indexed<R>> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("a workload failed in the checker itself", e.getCause());
    }
  }
}
