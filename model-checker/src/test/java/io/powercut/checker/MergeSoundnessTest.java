package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.thin.ThinSubject;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.property.junit.Seeded;
import org.junit.jupiter.api.Test;

/**
 * Merging crash states that differ only in blocks recovery never read must not change a single
 * verdict: the merged and unmerged searches judge every state alike (the order-independent digest
 * of every (workload, crash point, state, verdict), so two swapped verdicts cannot cancel out), and
 * agree on every count and on the finding.
 */
class MergeSoundnessTest {
  @Seeded
  @Test
  void mergedAndUnmergedSearchesAgree(long seed) throws Exception {
    CampaignResult<?> r = compare(Bugs.NONE, seed);
    // In-flight allocations a crash leaves are allowed and counted, never a violation.
    assertTrue(r.stats().leakedBlocks >= r.stats().statesWithLeaks, "leaks counted per block");
  }

  @Seeded
  @Test
  void theyAgreeOnABuggyEngineToo(long seed) throws Exception {
    compare(Bugs.of(PdataBug.NO_INC_CHILDREN), seed);
  }

  private static CampaignResult<?> compare(Bugs bugs, long seed) throws Exception {
    ExploreOptions merged = ExploreOptions.of(seed, 6).withShrink(false).withKeepGoing(true);
    ExploreOptions unmerged = merged.withSearch(merged.search().withMerge(false));
    CampaignResult<?> a = Campaigns.thin(() -> new ThinSubject(1024, 1024, bugs), merged, 25);
    CampaignResult<?> b = Campaigns.thin(() -> new ThinSubject(1024, 1024, bugs), unmerged, 25);
    Campaigns.assertMergingChangedNothing(a, b);
    return a;
  }
}
