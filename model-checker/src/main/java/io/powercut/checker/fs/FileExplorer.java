package io.powercut.checker.fs;

import io.powercut.checker.CampaignLoop;
import io.powercut.checker.CampaignStats;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A crash-consistency campaign over a {@link FileSubject}: the block level's {@link
 * io.powercut.checker.Explorer} at the file level, on the same {@link CampaignLoop} (seeded or
 * exhaustive workloads, threads, shards, workload and time limits, keep-going, progress). Every
 * crash position of every run is checked under one {@link PersistenceMode}, and the first violation
 * is shrunk to a {@link FileReproducer}. One subject instance and search per thread.
 *
 * <p>Which mode: {@link PersistenceMode#ORDERED} is what an engine meets on Linux's default file
 * system (ext4 {@code data=ordered}), so a finding there is a bug users can hit; {@link
 * PersistenceMode#POSIX} is the portable contract, stricter (it also reorders metadata within a
 * directory, which no journaling Linux file system does), the mode to prove an engine relies on
 * nothing beyond POSIX. The campaign takes the mode explicitly: it is part of the claim. The file
 * level injects no IO errors, so {@link ExploreOptions#ioErrorVariants()} must be 0.
 */
public final class FileExplorer<O, S> {
  private final Supplier<? extends FileSubject<O, S>> subjects;
  private final WorkloadSource<O> workloads;
  private final ExploreOptions options;
  private final PersistenceMode mode;
  private final ProgressListener listener;

  public FileExplorer(
      Supplier<? extends FileSubject<O, S>> subjects,
      WorkloadSource<O> workloads,
      ExploreOptions options,
      PersistenceMode mode,
      ProgressListener listener) {
    CampaignLoop.requireEnd(options, workloads.size());
    if (options.ioErrorVariants() != 0) {
      throw new IllegalArgumentException(
          "expected no IO-error variants at the file level, got " + options.ioErrorVariants());
    }
    this.subjects = subjects;
    this.workloads = workloads;
    this.options = options;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.listener = listener;
  }

  /** A workload's finding, typed and as its reproducer. */
  private record Found<O>(FileFinding<O> finding, FileReproducer reproducer) {}

  /** Runs the campaign; the result holds the lowest-numbered workload's finding, if any. */
  public FileCampaignResult<O> run() throws IOException {
    CampaignLoop.Outcome<Found<O>> r =
        CampaignLoop.run(options, workloads.size(), Worker::new, listener);
    return new FileCampaignResult<>(
        r.stats(),
        r.finding().map(Found::finding),
        r.finding().map(Found::reproducer),
        r.elapsed());
  }

  /** One thread's subject and search. */
  private final class Worker implements CampaignLoop.Worker<Found<O>> {
    final FileSubject<O, S> subject = subjects.get();
    final FileCrashSearch<O, S> search = new FileCrashSearch<>(subject, options.search(), mode);

    @Override
    public CampaignLoop.WorkloadRun<Found<O>> run(long index) throws IOException {
      CampaignStats stats = new CampaignStats();
      List<O> ops = workloads.workload(index);
      FileTrace<O, S> trace = search.trace(ops);
      stats.workloads++;
      stats.operations += trace.opsRun();
      for (int i = 0; i < trace.opsRun(); i++) {
        stats.coverage.ran(subject.kindOf(ops.get(i)), trace.outcomes().get(i).kind());
      }
      FileFinding<O> f = search.search(trace, stats);
      if (f == null) {
        return new CampaignLoop.WorkloadRun<>(stats, null);
      }
      if (options.shrink()) {
        f = new FileFindingShrinker<>(search, options.shrinkBudget()).shrink(trace, f);
      }
      return new CampaignLoop.WorkloadRun<>(stats, new Found<>(f, FileReproducer.of(subject, f)));
    }
  }
}
