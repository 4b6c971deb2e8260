package io.powercut.checker.fs;

import static io.powercut.checker.fs.FileKvCampaigns.describe;
import static io.powercut.checker.fs.FileKvCampaigns.explore;
import static io.powercut.checker.fs.FileKvCampaigns.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Verdict;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.fs.PersistenceMode;
import io.powercut.property.junit.Seeded;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The correct store survives every crash the file-level checker makes, in every persistence mode,
 * torn writes included; the campaign is deterministic.
 */
class FileKvCampaignTest {
  @Seeded
  @Test
  void theCorrectStoreSurvivesEverySeededCrashInEveryMode(long seed) throws Exception {
    long[] states = new long[PersistenceMode.values().length];
    for (PersistenceMode mode : PersistenceMode.values()) {
      FileCampaignResult<FileKvOp> r =
          explore(FileKvSubject.correct(), mode, options(seed, 30, true).withThreads(2));
      assertTrue(r.finding().isEmpty(), mode + ": " + describe(r));
      CampaignStats s = r.stats();
      assertEquals(30, s.workloads);
      assertEquals(30 * FileKvCampaigns.LENGTH, s.operations);
      assertEquals(s.crashPoints, s.exhaustivePoints, "few pending operations: all exhaustive");
      assertTrue(s.count(FaultClass.DROP, Verdict.OK) > 500, mode + ": " + s.toRecord());
      assertTrue(s.count(FaultClass.TORN, Verdict.MASKED) > 0, mode + ": torn writes checked");
      assertEquals(0, s.violations);
      assertEquals(s.statesChecked(), s.crashStates);
      states[mode.ordinal()] = s.crashStates;
    }
    assertTrue(
        states[PersistenceMode.ORDERED.ordinal()] < states[PersistenceMode.POSIX.ordinal()],
        "ORDERED only removes states: " + states[1] + " vs POSIX " + states[0]);
    assertTrue(
        states[PersistenceMode.IN_ORDER.ordinal()] < states[PersistenceMode.ORDERED.ordinal()],
        "IN_ORDER only removes states: " + states[2] + " vs ORDERED " + states[1]);
  }

  @Test
  void everySequenceOfUpToThreeOperationsSurvivesEveryCrashInEveryMode() throws Exception {
    for (PersistenceMode mode : PersistenceMode.values()) {
      FileCampaignResult<FileKvOp> r =
          new FileExplorer<>(
                  FileKvSubject::correct,
                  WorkloadSource.exhaustive(FileKvOp.vocabulary(), 3),
                  ExploreOptions.unlimited(1).withFaults(Set.of(FaultClass.TORN)),
                  mode,
                  ProgressListener.NONE)
              .run();
      assertTrue(r.finding().isEmpty(), mode + ": " + describe(r));
      assertEquals(4 + 16 + 64, r.stats().workloads);
      assertTrue(r.stats().coverage.row(FileKvOp.Kind.DELETE).crashPoints() > 0);
    }
  }

  @Seeded
  @Test
  void theSameSeedJudgesTheSameStatesWhateverTheThreads(long seed) throws Exception {
    FileKvSubject s = FileKvSubject.correct();
    CampaignStats one = explore(s, PersistenceMode.POSIX, options(seed, 12, true)).stats();
    CampaignStats two =
        explore(s, PersistenceMode.POSIX, options(seed, 12, true).withThreads(2)).stats();
    assertEquals(one.stateDigest, two.stateDigest);
    assertEquals(one.statesChecked(), two.statesChecked());
    CampaignStats other = explore(s, PersistenceMode.POSIX, options(seed + 1, 12, true)).stats();
    assertNotEquals(one.stateDigest, other.stateDigest, "another seed, other workloads");
    CampaignStats ordered = explore(s, PersistenceMode.ORDERED, options(seed, 12, true)).stats();
    assertNotEquals(one.stateDigest, ordered.stateDigest, "the mode is part of the digest");
  }

  @Seeded
  @Test
  void aBuggyCampaignFindsTheSameShrunkReproducerWhateverTheThreads(long seed) throws Exception {
    FileKvSubject s = FileKvSubject.with(FileKvBug.NO_FORCE);
    ExploreOptions o = options(seed, 8, false).withKeepGoing(true);
    FileCampaignResult<FileKvOp> one = explore(s, PersistenceMode.POSIX, o);
    FileCampaignResult<FileKvOp> two = explore(s, PersistenceMode.POSIX, o.withThreads(2));
    assertEquals(8, one.stats().workloads, "keep going runs every workload");
    assertTrue(one.stats().violations > 1, describe(one));
    assertEquals(one.reproducer().orElseThrow().render(), two.reproducer().orElseThrow().render());
    assertEquals(one.stats().stateDigest, two.stats().stateDigest);
  }
}
