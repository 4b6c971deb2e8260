package io.powercut.checker.thinvolume;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.Campaigns;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Subject;
import io.powercut.checker.WorkloadGenerator;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.kv.KvOnThin;
import io.powercut.checker.kv.KvWorkloads;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import io.powercut.property.junit.Seeded;
import io.powercut.thin.target.TargetBug;
import java.util.EnumSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The data-path subjects recover through overlays that read only what the pool needs, so the search
 * merges crash states that differ only in blocks never read; merging must not change a single
 * verdict (the order-independent digest of every state and its verdict), on the correct pool and on
 * a buggy one, with IO errors too.
 */
class DataPathMergeSoundnessTest {
  @Seeded
  @Test
  void thinVolumesJudgeEveryStateAlikeMergedOrNot(long seed) throws Exception {
    compare(() -> new ThinVolumeSubject(Bugs.NONE), new VolumeWorkloads(), seed);
    compare(
        () -> new ThinVolumeSubject(Bugs.of(TargetBug.NO_ZERO_BEFORE_PARTIAL_WRITE)),
        new VolumeWorkloads(),
        seed);
  }

  @Seeded
  @Test
  void theStoreOnAThinVolumeJudgesEveryStateAlikeMergedOrNot(long seed) throws Exception {
    compare(
        () -> KvOnThin.of(Bugs.of(TargetBug.METADATA_BEFORE_DATA_FLUSH), Bugs.NONE),
        StackOp.workloads(new KvWorkloads(4)),
        seed);
  }

  private static <O, S> void compare(
      Supplier<Subject<O, S>> subject, WorkloadGenerator<O> workloads, long seed) throws Exception {
    ExploreOptions merged =
        ExploreOptions.of(seed, 6)
            .withFaults(EnumSet.of(FaultClass.IOERROR))
            .withShrink(false)
            .withKeepGoing(true);
    ExploreOptions unmerged = merged.withSearch(merged.search().withMerge(false));
    Campaigns.assertMergingChangedNothing(
        run(subject, workloads, merged, seed), run(subject, workloads, unmerged, seed));
  }

  private static <O, S> CampaignResult<O> run(
      Supplier<Subject<O, S>> subject,
      WorkloadGenerator<O> workloads,
      ExploreOptions options,
      long seed)
      throws Exception {
    return new Explorer<>(
            subject, WorkloadSource.random(workloads, seed, 10), options, ProgressListener.NONE)
        .run();
  }
}
