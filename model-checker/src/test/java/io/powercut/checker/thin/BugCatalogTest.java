package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.BugHunt;
import io.powercut.checker.CampaignResult;
import io.powercut.checker.Campaigns;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.BugCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker catches every bug of the seeded catalog (100% detection), and the same campaigns on
 * the correct engine raise no false alarm.
 */
class BugCatalogTest {
  /** Far more than any bug needs with the fixed seed; a limit by count keeps this deterministic. */
  private static final long MAX_WORKLOADS = 300;

  static List<SeededBug> catalog() {
    return new ThinHunt().catalog();
  }

  @ParameterizedTest
  @MethodSource("catalog")
  void everySeededBugIsDetected(SeededBug bug) throws Exception {
    BugHunt.Row row = ThinHunt.hunter(1, 2).hunt(bug, MAX_WORKLOADS, false);
    assertTrue(
        row.detected(),
        bug.id()
            + " went undetected in "
            + row.workloads()
            + " workloads, "
            + row.statesToDetection()
            + " crash states");
  }

  @Test
  void theCatalogIsLargeAndSaysWhatEachBugMirrors() {
    assertTrue(
        new ThinHunt().catalog().size() >= 15, "catalog size " + new ThinHunt().catalog().size());
    for (SeededBug b : BugCatalog.ALL) {
      assertFalse(b.description().isBlank(), b.id());
      assertFalse(b.mirrors().isBlank(), b.id());
      assertEquals(b, BugCatalog.byId(b.id()));
    }
    for (SeededBug b : ThinHunt.OUT_OF_REACH.keySet()) {
      assertFalse(new ThinHunt().catalog().contains(b), b.id());
    }
  }

  @Test
  void theHuntsWorkloadsRaiseNoFalseAlarmOnTheCorrectEngine() throws Exception {
    CampaignResult<?> r =
        new Explorer<ThinOp, PoolState>(
                () -> new ThinSubject(ThinHunt.METADATA_BLOCKS, ThinHunt.DATA_BLOCKS, Bugs.NONE),
                new ThinHunt().workloads(1),
                ExploreOptions.of(1, 40).withThreads(2),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    assertEquals(40, r.stats().workloads);
  }

  @Test
  void aShrunkReproducerOfACommitOrderingBugIsTiny() throws Exception {
    BugHunt.Row row =
        ThinHunt.hunter(1, 1).hunt(PdataBug.SUPERBLOCK_BEFORE_FLUSH, MAX_WORKLOADS, true);
    assertTrue(row.reproducer().isPresent());
    assertTrue(row.reproducer().get().ops().size() <= 3, row.reproducer().get().render());
  }
}
