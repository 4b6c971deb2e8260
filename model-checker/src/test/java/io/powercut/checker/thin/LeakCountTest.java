package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.Campaigns;
import io.powercut.checker.ExploreOptions;
import io.powercut.pdata.Bugs;
import org.junit.jupiter.api.Test;

/** A crash leaves in-flight data allocations leaked: allowed, counted, never a violation. */
class LeakCountTest {
  @Test
  void leakedDataBlocksAreCountedNotJudged() throws Exception {
    CampaignResult<?> r =
        Campaigns.thin(() -> new ThinSubject(1024, 1024, Bugs.NONE), ExploreOptions.of(1, 10), 40);
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    assertTrue(r.stats().statesWithLeaks > 0, "some crash leaked an allocation");
    assertTrue(r.stats().leakedBlocks >= r.stats().statesWithLeaks);
    assertEquals(0, r.stats().violations);
  }
}
