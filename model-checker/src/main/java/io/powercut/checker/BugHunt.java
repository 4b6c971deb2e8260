package io.powercut.checker;

import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.SeededBug;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Scores the checker against a subject's seeded-bug catalog ({@link HuntTarget}): for each bug, a
 * campaign on the subject with that bug switched on, until the first violation or the budget runs
 * out; then the violation is shrunk to a minimal reproducer.
 */
public final class BugHunt<O, S> {
  private final HuntTarget<O, S> target;
  private final long seed;
  private final int threads;

  public BugHunt(HuntTarget<O, S> target, long seed, int threads) {
    this.target = target;
    this.seed = seed;
    this.threads = threads;
  }

  public HuntTarget<O, S> target() {
    return target;
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
    ExploreOptions options =
        budget.withFaults(target.faults(bug)).withShrink(false).withThreads(threads);
    CampaignResult<O> r =
        new Explorer<>(
                () -> target.subject(bug), target.workloads(seed), options, ProgressListener.NONE)
            .run();
    CampaignStats s = r.stats();
    Optional<Reproducer> rep = r.reproducer();
    if (r.finding().isPresent() && shrink) {
      rep = Optional.of(shrunk(bug, r.finding().get(), options.search()));
    }
    return new Row(bug, r.finding().isPresent(), r.elapsed(), s.statesChecked(), s.workloads, rep);
  }

  private Reproducer shrunk(SeededBug bug, Finding<O> found, SearchOptions search)
      throws IOException {
    Subject<O, S> subject = target.subject(bug);
    CrashSearch<O, S> crashes = new CrashSearch<>(subject, search);
    Trace<O, S> trace = Trace.run(subject, found.ops(), found.ioFault());
    return Reproducer.of(
        subject, new FindingShrinker<>(subject, crashes, 300).shrink(trace, found));
  }
}
