package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * Asserts that merging changed nothing: {@code merged} and {@code unmerged} judged the same
   * states alike (the order-independent digest of every state and its verdict, so two swapped
   * verdicts cannot cancel out), agree on every count, every leak and the finding, and merging
   * happened.
   */
  public static void assertMergingChangedNothing(
      CampaignResult<?> merged, CampaignResult<?> unmerged) {
    CampaignStats a = merged.stats();
    CampaignStats b = unmerged.stats();
    assertEquals(b.statesChecked(), a.statesChecked());
    assertEquals(0, b.statesMerged);
    assertTrue(a.statesMerged > 0, "merging happened");
    assertEquals(b.stateDigest, a.stateDigest, "every state, the same verdict");
    for (FaultClass f : FaultClass.values()) {
      for (Verdict v : Verdict.values()) {
        assertEquals(b.count(f, v), a.count(f, v), f + " " + v);
      }
    }
    assertEquals(unmerged.finding(), merged.finding());
    assertEquals(b.statesWithLeaks, a.statesWithLeaks, "merged states leak alike");
    assertEquals(b.leakedBlocks, a.leakedBlocks);
  }

  /** A failure message that carries the reproducer, so a red test says what to replay. */
  public static String describe(CampaignResult<?> r) {
    return r.reproducer().map(Reproducer::render).orElse("no finding")
        + "\nstates checked: "
        + r.stats().statesChecked();
  }
}
