package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.powercut.checker.thin.ThinSubject;
import io.powercut.pdata.Bugs;
import org.junit.jupiter.api.Test;

/**
 * Shards partition a campaign: run as N shards, it judges exactly the crash states of the unsharded
 * campaign, no more, no fewer, with the same verdicts.
 */
class ShardingTest {
  private static CampaignStats run(int shard, int shards) throws Exception {
    ExploreOptions o = ExploreOptions.of(11, 12).withShard(shard, shards).withThreads(2);
    return Campaigns.thin(() -> new ThinSubject(1024, 1024, Bugs.NONE), o, 25).stats();
  }

  @Test
  void theUnionOfTheShardsIsTheWholeCampaign() throws Exception {
    CampaignStats whole = run(0, 1);
    CampaignStats union = new CampaignStats();
    for (int k = 0; k < 3; k++) {
      CampaignStats part = run(k, 3);
      assertNotEquals(0, part.workloads, "shard " + k + " ran nothing");
      union.add(part);
    }
    assertEquals(whole.workloads, union.workloads);
    assertEquals(whole.crashPoints, union.crashPoints);
    assertEquals(whole.crashStates, union.crashStates);
    assertEquals(whole.statesChecked(), union.statesChecked());
    assertEquals(whole.stateDigest, union.stateDigest, "the same states, with the same verdicts");
    for (FaultClass f : FaultClass.values()) {
      for (Verdict v : Verdict.values()) {
        assertEquals(whole.count(f, v), union.count(f, v), f + " " + v);
      }
    }
  }

  @Test
  void theDigestTellsDifferentCampaignsApart() throws Exception {
    CampaignStats a = run(0, 2);
    CampaignStats b = run(1, 2);
    assertNotEquals(a.stateDigest, b.stateDigest);
  }
}
