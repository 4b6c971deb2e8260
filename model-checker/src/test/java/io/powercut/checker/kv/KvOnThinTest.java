package io.powercut.checker.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.Subject;
import io.powercut.checker.Verdict;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.checker.thinvolume.StackOp;
import io.powercut.pdata.Bugs;
import io.powercut.thin.target.TargetBug;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subjects compose: the key-value store on a thin volume of the pool, over two devices that one
 * power cut hits, judged by the store's own model after every crash state of both.
 */
class KvOnThinTest {
  private static CampaignResult<StackOp<KvOp>> explore(
      Subject<StackOp<KvOp>, Map<Long, Long>> subject, long n) throws Exception {
    return new Explorer<StackOp<KvOp>, Map<Long, Long>>(
            () -> subject,
            WorkloadSource.random(StackOp.workloads(new KvWorkloads(4)), 7, 12),
            ExploreOptions.of(7, n),
            ProgressListener.NONE)
        .run();
  }

  @Test
  void theStoreOnTheCorrectPoolKeepsEverySyncedPut() throws Exception {
    CampaignResult<StackOp<KvOp>> r = explore(KvOnThin.of(Bugs.NONE, Bugs.NONE), 20);
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    assertEquals(20, r.stats().workloads);
    assertTrue(r.stats().statesChecked() > 2000, "states " + r.stats().statesChecked());
  }

  /** IO errors on either device, damage on the metadata: the store's promise still holds. */
  @Test
  void theCorrectStackSurvivesEveryFault() throws Exception {
    CampaignResult<StackOp<KvOp>> r =
        new Explorer<StackOp<KvOp>, Map<Long, Long>>(
                () -> KvOnThin.of(Bugs.NONE, Bugs.NONE),
                WorkloadSource.random(StackOp.workloads(new KvWorkloads(4)), 5, 12),
                ExploreOptions.of(5, 20).withFaults(EnumSet.allOf(FaultClass.class)),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    long rot =
        r.stats().count(FaultClass.BITROT, Verdict.DETECTED)
            + r.stats().count(FaultClass.BITROT, Verdict.MASKED);
    assertTrue(rot > 0, "rotten metadata shown");
  }

  @Test
  void everySequenceOfThreeOperationsOnTheCorrectPoolSurvivesEveryCrash() throws Exception {
    CampaignResult<StackOp<KvOp>> r =
        new Explorer<StackOp<KvOp>, Map<Long, Long>>(
                () -> KvOnThin.of(Bugs.NONE, Bugs.NONE),
                WorkloadSource.exhaustive(StackOp.vocabulary(KvWorkloads.vocabulary()), 3),
                ExploreOptions.unlimited(1),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    assertEquals(5 + 25 + 125, r.stats().workloads);
  }

  /**
   * The pool's data-flush bug, invisible to the store's own code, loses a synced record: a snapshot
   * (a backup of the volume) makes the store's next write of a block break sharing, and the commit
   * of the new mapping reaches the disk before the copy does (kernel 694cfe7f31db).
   */
  @Test
  void metadataBeforeTheDataFlushLosesASyncedRecordOfTheStore() throws Exception {
    Subject<StackOp<KvOp>, Map<Long, Long>> subject =
        KvOnThin.of(Bugs.of(TargetBug.METADATA_BEFORE_DATA_FLUSH), Bugs.NONE);
    Reproducer rep = explore(subject, 40).reproducer().orElseThrow();
    assertEquals("kv-on-thin bugs=metadata-before-data-flush", rep.subject(), rep.render());
    assertTrue(rep.ops().size() <= 5, rep.render());
    assertTrue(rep.ops().contains(StackOp.SNAPSHOT), rep.render());
    assertEquals("sync", rep.ops().get(rep.ops().size() - 1), rep.render());
    Replay.Result replay = Replay.run(KvOnThin.fromSpec(rep.subject()), rep);
    assertTrue(replay.violation(), replay.report());
    assertTrue(replay.report().contains("record"), replay.report());
  }

  @Test
  void theStoresOwnBugStillShowsOnAThinVolume() throws Exception {
    Subject<StackOp<KvOp>, Map<Long, Long>> subject =
        KvOnThin.fromSpec("kv-on-thin bugs=header-before-log");
    Reproducer rep = explore(subject, 40).reproducer().orElseThrow();
    assertEquals("kv-on-thin bugs=header-before-log", rep.subject(), rep.render());
    // A sync to map the store's first blocks, then a put and the sync whose header comes first.
    assertTrue(rep.ops().size() <= 3, rep.render());
  }

  @Test
  void theSpecNamesBugsOfBothLayersAndRefusesOthers() {
    assertEquals(
        "kv-on-thin bugs=flush-without-commit,header-before-log",
        KvOnThin.fromSpec("kv-on-thin bugs=header-before-log,flush-without-commit").spec());
    assertEquals("kv-on-thin", KvOnThin.fromSpec("kv-on-thin").spec());
    for (String bad : List.of("kv", "kv-on-thin bugs=nope", "kv-on-thin size=3")) {
      assertThrows(IllegalArgumentException.class, () -> KvOnThin.fromSpec(bad), bad);
    }
  }
}
