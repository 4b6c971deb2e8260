package io.powercut.checker.thin;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.CampaignStats;
import io.powercut.checker.CrashSearch;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.Finding;
import io.powercut.checker.FindingShrinker;
import io.powercut.checker.Reproducer;
import io.powercut.checker.SearchOptions;
import io.powercut.checker.Trace;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.BugCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores the checker against the seeded-bug catalog: for each bug, a campaign on the engine with
 * that bug switched on, until the first violation or the budget runs out; then the violation is
 * shrunk to a minimal reproducer.
 */
public final class BugHunt {
  /** Metadata and data device sizes of the hunt's pools. */
  static final long METADATA_BLOCKS = 1024;

  static final long DATA_BLOCKS = 8192;

  /**
   * Bugs the crash campaigns cannot reach within a budget, and why. Each still has an engine test
   * (SeededBugsTest) that proves the switch misbehaves.
   */
  public static final Map<SeededBug, String> OUT_OF_REACH = outOfReach();

  private static Map<SeededBug, String> outOfReach() {
    Map<SeededBug, String> m = new HashMap<>();
    m.put(
        PdataBug.LIFO_BLOCK_OPS,
        "the order matters only when one recursive episode both allocates and frees a block,"
            + " i.e. a merge in a two-leaf metadata ref-count tree (hundreds of metadata blocks with"
            + " 3+ references); DEC_BEFORE_SHARED_CHECK stands for the decrement-order class");
    return Map.copyOf(m);
  }

  private final long seed;
  private final int threads;

  public BugHunt(long seed, int threads) {
    this.seed = seed;
    this.threads = threads;
  }

  /** The bugs a hunt is expected to detect. */
  public static List<SeededBug> catalog() {
    List<SeededBug> out = new ArrayList<>();
    for (SeededBug b : BugCatalog.ALL) {
      if (!OUT_OF_REACH.containsKey(b)) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * One line of the detection table.
   *
   * @param detected whether a violation was found within the budget
   * @param timeToDetection wall time until the first violation (or the whole budget)
   * @param statesToDetection crash states judged until then
   * @param workloads workloads run until then
   * @param reproducer the shrunk reproducer, if detected
   */
  public record Row(
      SeededBug bug,
      boolean detected,
      Duration timeToDetection,
      long statesToDetection,
      long workloads,
      Optional<Reproducer> reproducer) {
    /**
     * The row as a results record of run {@code run}; {@code reproducerFile} is where the caller
     * saved the reproducer, if there is one.
     */
    public BugRow toRecord(String run, Path reproducerFile) {
      return new BugRow(
          run,
          bug.id(),
          bug.description(),
          detected,
          timeToDetection.toMillis(),
          statesToDetection,
          workloads,
          reproducer.map(r -> r.ops().size()).orElse(-1),
          reproducer.isPresent() ? FindingRecord.replayCommand(reproducerFile) : null);
    }
  }

  /** The workloads of a hunt: few devices and bulk steps, so trees grow deep and shrink again. */
  static WorkloadSource<ThinOp> workloads(long seed) {
    return WorkloadSource.random(new ThinWorkloads(3, 4096, DATA_BLOCKS).withBulk(25), seed, 30);
  }

  /** Hunts one bug for at most {@code budget}; shrinks what it finds if {@code shrink}. */
  public Row hunt(SeededBug bug, Duration budget, boolean shrink) throws IOException {
    return hunt(bug, ExploreOptions.unlimited(seed).withTimeLimit(budget), shrink);
  }

  /**
   * Hunts one bug for at most {@code maxWorkloads} workloads, a budget that makes the verdict
   * independent of the machine's speed; shrinks what it finds if {@code shrink}.
   */
  public Row hunt(SeededBug bug, long maxWorkloads, boolean shrink) throws IOException {
    return hunt(bug, ExploreOptions.of(seed, maxWorkloads), shrink);
  }

  private Row hunt(SeededBug bug, ExploreOptions budget, boolean shrink) throws IOException {
    ExploreOptions options = budget.withShrink(false).withThreads(threads);
    CampaignResult<ThinOp> r =
        new Explorer<>(() -> subject(bug), workloads(seed), options, ProgressListener.NONE).run();
    CampaignStats s = r.stats();
    Optional<Reproducer> rep = r.reproducer();
    if (r.finding().isPresent() && shrink) {
      rep = Optional.of(shrunk(bug, r.finding().get()));
    }
    return new Row(bug, r.finding().isPresent(), r.elapsed(), s.statesChecked(), s.workloads, rep);
  }

  private static ThinSubject subject(SeededBug bug) {
    return new ThinSubject(METADATA_BLOCKS, DATA_BLOCKS, Bugs.of(bug));
  }

  private Reproducer shrunk(SeededBug bug, Finding<ThinOp> found) throws IOException {
    ThinSubject subject = subject(bug);
    CrashSearch<ThinOp, PoolState> search =
        new CrashSearch<>(subject, SearchOptions.defaults(seed));
    Trace<ThinOp, PoolState> trace = Trace.run(subject, found.ops(), found.ioFault());
    return Reproducer.of(subject, new FindingShrinker<>(subject, search, 300).shrink(trace, found));
  }
}
