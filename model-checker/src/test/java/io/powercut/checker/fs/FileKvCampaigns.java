package io.powercut.checker.fs;

import io.powercut.checker.ExploreOptions;
import io.powercut.checker.FaultClass;
import io.powercut.checker.WorkloadGenerator;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.util.Set;

/** Small file-level campaigns over {@link FileKvSubject}, for the tests. */
final class FileKvCampaigns {
  static final int KEYS = 2;
  static final int LENGTH = 6;

  private FileKvCampaigns() {}

  /** {@code workloads} seeded workloads of {@link #LENGTH} operations, torn writes if asked. */
  static ExploreOptions options(long seed, int workloads, boolean torn) {
    ExploreOptions o = ExploreOptions.of(seed, workloads);
    return torn ? o.withFaults(Set.of(FaultClass.TORN)) : o;
  }

  static FileCampaignResult<FileKvOp> explore(
      FileKvSubject subject, PersistenceMode mode, ExploreOptions options) throws IOException {
    return explore(subject, mode, options, FileKvOp.workloads(KEYS));
  }

  static FileCampaignResult<FileKvOp> explore(
      FileKvSubject subject,
      PersistenceMode mode,
      ExploreOptions options,
      WorkloadGenerator<FileKvOp> workloads)
      throws IOException {
    return new FileExplorer<>(
            () -> subject,
            WorkloadSource.random(workloads, options.seed(), LENGTH),
            options,
            mode,
            ProgressListener.NONE)
        .run();
  }

  /** A failure message that carries the reproducer, so a red test says what to replay. */
  static String describe(FileCampaignResult<?> r) {
    return r.reproducer().map(FileReproducer::render).orElse("no finding")
        + "\nstates checked: "
        + r.stats().statesChecked();
  }
}
