package io.powercut.checker;

import io.powercut.checker.results.ProgressListener;
import io.powercut.device.CrashState;
import io.powercut.device.IoOp;
import io.powercut.property.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A crash-consistency campaign: seeded workloads, each run once as is and (optionally) again with
 * injected IO errors, every crash point of every run checked, the first violation shrunk to a
 * minimal reproducer. Workloads run in parallel, one subject instance per thread.
 */
public final class Explorer<O, S> {
  private final Supplier<Subject<O, S>> subjects;
  private final WorkloadSource<O> workloads;
  private final ExploreOptions options;
  private final ProgressListener listener;

  public Explorer(
      Supplier<Subject<O, S>> subjects,
      WorkloadSource<O> workloads,
      ExploreOptions options,
      ProgressListener listener) {
    CampaignLoop.requireEnd(options, workloads.size());
    this.subjects = subjects;
    this.workloads = workloads;
    this.options = options;
    this.listener = listener;
  }

  /** A workload's finding, typed and as its reproducer. */
  private record Found<O>(Finding<O> finding, Reproducer reproducer) {}

  /** Runs the campaign; the result holds the lowest-numbered workload's finding, if any. */
  public CampaignResult<O> run() throws IOException {
    CampaignLoop.Outcome<Found<O>> r =
        CampaignLoop.run(options, workloads.size(), Worker::new, listener);
    return new CampaignResult<>(
        r.stats(),
        r.finding().map(Found::finding),
        r.finding().map(Found::reproducer),
        r.elapsed());
  }

  /** One thread's subject and search. */
  private final class Worker implements CampaignLoop.Worker<Found<O>> {
    final Subject<O, S> subject = subjects.get();
    final CrashSearch<O, S> search = new CrashSearch<>(subject, options.search());

    @Override
    public CampaignLoop.WorkloadRun<Found<O>> run(long index) throws IOException {
      CampaignStats stats = new CampaignStats();
      long seed = Seeds.derive(options.seed(), index);
      List<O> ops = workloads.workload(index);
      Trace<O, S> plain = Trace.run(subject, ops, IoErrorPlan.NONE);
      stats.workloads++;
      for (IoErrorPlan plan : plans(plain, seed)) {
        Trace<O, S> trace = plan == IoErrorPlan.NONE ? plain : Trace.run(subject, ops, plan);
        stats.operations += trace.opsRun();
        for (int i = 0; i < trace.opsRun(); i++) {
          stats.coverage.ran(subject.kindOf(ops.get(i)), trace.outcomes().get(i).kind());
        }
        Finding<O> f = search.search(trace, stats);
        if (f != null) {
          if (options.shrink()) {
            f = new FindingShrinker<>(subject, search, options.shrinkBudget()).shrink(trace, f);
          }
          f = withSecondOpinion(f);
          return new CampaignLoop.WorkloadRun<>(stats, new Found<>(f, Reproducer.of(subject, f)));
        }
      }
      return new CampaignLoop.WorkloadRun<>(stats, null);
    }

    /** A crash violation always gets the second judge's verdict, when one is in use. */
    private Finding<O> withSecondOpinion(Finding<O> f) throws IOException {
      if (f.kind() != Finding.Kind.CRASH || options.search().secondOpinionEvery() <= 0) {
        return f;
      }
      Trace<O, S> trace = Trace.run(subject, f.ops(), f.ioFault());
      CrashState state = f.crashState();
      String opinion = subject.secondOpinion(trace.group().powerLoss(state));
      return f.withMessage(
          f.message()
              + " [second opinion: "
              + (opinion == null ? "accepts the image" : opinion)
              + "]");
    }

    /** The plain run, then IO-error variants spread over the run's writes and flushes. */
    private List<IoErrorPlan> plans(Trace<O, S> plain, long seed) {
      List<IoErrorPlan> plans = new ArrayList<>();
      plans.add(IoErrorPlan.NONE);
      if (options.ioErrorVariants() <= 0) {
        return plans;
      }
      int devices = plain.group().size();
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x10E77025L);
      for (int i = 0; i < options.ioErrorVariants(); i++) {
        // Only a subject of several devices draws one, so one-device runs keep their plans.
        int device = devices == 1 ? 0 : r.nextInt(devices);
        long writes = plain.group().member(device).operations(IoOp.WRITE);
        long flushes = plain.group().member(device).operations(IoOp.FLUSH);
        boolean flush = flushes > 0 && (writes == 0 || r.nextInt(3) == 0);
        long n = flush ? r.nextLong(flushes) : (writes > 0 ? r.nextLong(writes) : -1);
        if (n >= 0) {
          plans.add(
              new IoErrorPlan(
                  flush ? IoOp.FLUSH : IoOp.WRITE, n, !flush && r.nextBoolean(), device));
        }
      }
      return plans;
    }
  }
}
