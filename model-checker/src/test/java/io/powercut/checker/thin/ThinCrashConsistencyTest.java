package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.CampaignStats;
import io.powercut.checker.Campaigns;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Verdict;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import io.powercut.property.junit.Seeded;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The crash-consistency suite: on the correct engine, no crash anywhere in these campaigns may
 * recover anything but a committed state.
 */
class ThinCrashConsistencyTest {
  @Seeded
  @Test
  void seededCampaignFindsNothing(long seed) throws Exception {
    CampaignResult<?> r =
        Campaigns.thin(
            () -> new ThinSubject(1024, 1024, Bugs.NONE),
            ExploreOptions.of(seed, 40).withThreads(2),
            40);
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    CampaignStats s = r.stats();
    assertEquals(40, s.workloads);
    assertTrue(s.statesChecked() > 10_000, "states checked: " + s.statesChecked());
    assertTrue(s.exhaustivePoints > 0 && s.statesRecovered > 0);
    assertEquals(s.statesChecked(), s.count(FaultClass.DROP, Verdict.OK));
  }

  @Seeded
  @Test
  void earlyWriteBackUnderCachePressureStillRecovers(long seed) throws Exception {
    // A 16-block cache writes dirty shadows back in the middle of operations.
    CampaignResult<?> r =
        Campaigns.thin(
            () -> new ThinSubject(1024, 1024, Bugs.NONE, 16), ExploreOptions.of(seed, 15), 40);
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
  }

  @Seeded
  @Test
  void ioErrorsLeaveTheLastCommitAndStopTheEngine(long seed) throws Exception {
    CampaignResult<?> r =
        Campaigns.thin(
            () -> new ThinSubject(1024, 1024, Bugs.NONE),
            ExploreOptions.of(seed, 12).withIoErrorVariants(4),
            30);
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    assertTrue(r.stats().operations > 12 * 30, "IO-error variants ran");
  }

  @Seeded
  @Test
  void tornMisdirectedAndRottenWritesAreDetectedOrHarmless(long seed) throws Exception {
    ExploreOptions o = ExploreOptions.of(seed, 8);
    o =
        o.withSearch(
            o.search()
                .withEnumeration(
                    o.search().enumeration().withTorn(true).withMisdirect(true).withBitRot(true)));
    CampaignResult<?> r = Campaigns.thin(() -> new ThinSubject(1024, 1024, Bugs.NONE), o, 30);
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    CampaignStats s = r.stats();
    assertTrue(
        s.count(FaultClass.BITROT, Verdict.DETECTED) > 0, "bit rot in live blocks is caught");
    assertTrue(s.count(FaultClass.TORN, Verdict.MASKED) > 0, "torn shadow writes do no harm");
    assertEquals(0, s.count(FaultClass.MISDIRECT, Verdict.VIOLATION));
  }

  @Test
  void boundedExhaustiveSweepOfThreeOperations() throws Exception {
    CampaignResult<?> r =
        new Explorer<ThinOp, PoolState>(
                () -> new ThinSubject(1024, 1024, Bugs.NONE),
                WorkloadSource.exhaustive(ThinWorkloads.vocabulary(), 3),
                ExploreOptions.unlimited(1).withThreads(2),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    int v = ThinWorkloads.vocabulary().size();
    assertEquals(v + v * v + v * v * v, r.stats().workloads);
  }

  @Seeded
  @Test
  void workloadsOnAPopulatedPoolFindNothing(long seed) throws Exception {
    ThinSubject populated = new ThinSubject(1024, 4096, Bugs.NONE).withInitialMappings(1000);
    assertEquals(1000, populated.newModel().committed().devices().get(0L).mappings().size());
    assertEquals(
        populated.spec(), ThinSubject.fromSpec(populated.spec()).spec(), "the spec round-trips");
    CampaignResult<?> r =
        Campaigns.thin(
            () -> new ThinSubject(1024, 4096, Bugs.NONE).withInitialMappings(1000),
            ExploreOptions.of(seed, 10).withThreads(2),
            30);
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
  }

  /**
   * The false alarm of {@code explore --seed 1 --workloads 3200} (issue 11), shrunk: a device
   * created and deleted after the metadata snapshot leaves the live and the snapshot's details root
   * one block. Every crash state of it, and of every sequence of up to 4 such steps, is clean.
   */
  @Test
  void devicesCreatedAndDeletedAfterTheMetadataSnapshotShareRoots() throws Exception {
    List<ThinOp> shrunk =
        List.of(
            new ThinOp.CreateThin(5),
            new ThinOp.ReserveSnap(),
            new ThinOp.CreateThin(7),
            new ThinOp.Delete(7),
            new ThinOp.Reopen());
    CampaignResult<?> one = sweep(fixed(shrunk));
    assertTrue(one.finding().isEmpty(), Campaigns.describe(one));
    assertTrue(one.stats().statesRecovered > 0);
    List<ThinOp> vocabulary =
        List.of(
            new ThinOp.CreateThin(0),
            new ThinOp.ReserveSnap(),
            new ThinOp.CreateThin(7),
            new ThinOp.CreateSnap(1, 0),
            new ThinOp.Delete(7),
            new ThinOp.Delete(1));
    CampaignResult<?> all = sweep(WorkloadSource.exhaustive(vocabulary, 4));
    assertTrue(all.finding().isEmpty(), Campaigns.describe(all));
  }

  private static CampaignResult<?> sweep(WorkloadSource<ThinOp> workloads) throws Exception {
    return new Explorer<ThinOp, PoolState>(
            () -> new ThinSubject(1024, 1024, Bugs.NONE),
            workloads,
            ExploreOptions.unlimited(1).withThreads(2),
            ProgressListener.NONE)
        .run();
  }

  private static WorkloadSource<ThinOp> fixed(List<ThinOp> ops) {
    return new WorkloadSource<>() {
      @Override
      public List<ThinOp> workload(long index) {
        return ops;
      }

      @Override
      public OptionalLong size() {
        return OptionalLong.of(1);
      }
    };
  }
}
