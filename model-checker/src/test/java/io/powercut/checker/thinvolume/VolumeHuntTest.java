package io.powercut.checker.thinvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.BugHunt;
import io.powercut.checker.CampaignResult;
import io.powercut.checker.Campaigns;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.Verdict;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.target.TargetBug;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every data-path bug of the pool target is detected by the thin-volume hunt and shrunk to a
 * reproducer that replay shows at the data level; the hunt's workloads raise no false alarm on the
 * correct target, with IO errors on either device and torn, misdirected and rotten metadata.
 */
class VolumeHuntTest {
  /** Far more than any bug needs with the fixed seed; a limit by count keeps this deterministic. */
  private static final long MAX_WORKLOADS = 200;

  static List<SeededBug> catalog() {
    return new VolumeHunt().catalog();
  }

  @Test
  void theHuntCoversEveryDataPathBug() {
    assertEquals(List.of(TargetBug.values()), catalog());
  }

  @ParameterizedTest
  @MethodSource("catalog")
  void everyDataPathBugIsDetectedShrunkAndReplayedPerSector(SeededBug bug) throws Exception {
    BugHunt.Row row = VolumeHunt.hunter(1, 2).hunt(bug, MAX_WORKLOADS, true);
    assertTrue(
        row.detected(),
        bug.id()
            + " went undetected in "
            + row.workloads()
            + " workloads, "
            + row.statesToDetection());
    Reproducer rep = row.reproducer().orElseThrow();
    assertTrue(rep.ops().size() <= 5, rep.render());
    assertEquals("thin-volume bugs=" + bug.id(), rep.subject(), rep.render());
    Replay.Result replay = Replay.run(ThinVolumeSubject.fromSpec(rep.subject()), rep);
    assertTrue(replay.violation(), replay.report());
    assertTrue(replay.report().contains("sector"), replay.report());
  }

  @Test
  void theHuntsWorkloadsRaiseNoFalseAlarmOnTheCorrectTargetWithEveryFault() throws Exception {
    CampaignResult<?> r =
        new Explorer<VolumeOp, VolumeState>(
                () -> new ThinVolumeSubject(Bugs.NONE),
                new VolumeHunt().workloads(3),
                ExploreOptions.of(3, 12).withFaults(EnumSet.allOf(FaultClass.class)).withThreads(2),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    assertEquals(12, r.stats().workloads);
    // Damage reaches the checksummed metadata only, where it is detected or does not matter.
    long rot =
        r.stats().count(FaultClass.BITROT, Verdict.DETECTED)
            + r.stats().count(FaultClass.BITROT, Verdict.MASKED);
    assertTrue(rot > 0, Campaigns.describe(r));
  }
}
