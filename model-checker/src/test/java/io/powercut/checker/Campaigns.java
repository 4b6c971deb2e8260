package io.powercut.checker;

import io.powercut.checker.results.ProgressListener;
import io.powercut.checker.thin.PoolState;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import java.io.IOException;
import java.util.function.Supplier;

/** Small campaigns for tests. */
public final class Campaigns {
  private Campaigns() {}

  public static CampaignResult<?> thin(
      Supplier<ThinSubject> subject, ExploreOptions options, int opsPerWorkload)
      throws IOException {
    ThinWorkloads gen = new ThinWorkloads(4, 48, 1024);
    return new Explorer<ThinOp, PoolState>(
            subject::get,
            WorkloadSource.random(gen, options.seed(), opsPerWorkload),
            options,
            ProgressListener.NONE)
        .run();
  }

  /** A failure message that carries the reproducer, so a red test says what to replay. */
  public static String describe(CampaignResult<?> r) {
    return r.reproducer().map(Reproducer::render).orElse("no finding")
        + "\nstates checked: "
        + r.stats().statesChecked();
  }
}
