package io.powercut.checker.thinvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
import io.powercut.thin.target.TargetBug;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data path of dm-thin, checked per sector after every crash state of both devices. */
class ThinVolumeSubjectTest {
  private static final ThinVolumeSubject CORRECT = new ThinVolumeSubject(Bugs.NONE);

  private static CampaignResult<VolumeOp> explore(ThinVolumeSubject subject) throws Exception {
    return new Explorer<VolumeOp, VolumeState>(
            () -> subject,
            WorkloadSource.random(new VolumeWorkloads(), 5, 10),
            ExploreOptions.of(5, 20),
            ProgressListener.NONE)
        .run();
  }

  @Test
  void theCorrectPoolSurvivesEveryCrashOfACampaign() throws Exception {
    CampaignResult<VolumeOp> r = explore(CORRECT);
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    assertTrue(r.stats().statesChecked() > 10_000, "states " + r.stats().statesChecked());
  }

  @Test
  void everySequenceOfTwoOperationsSurvivesEveryCrash() throws Exception {
    List<VolumeOp> vocabulary = VolumeWorkloads.vocabulary();
    CampaignResult<VolumeOp> r =
        new Explorer<VolumeOp, VolumeState>(
                () -> CORRECT,
                WorkloadSource.exhaustive(vocabulary, 2),
                ExploreOptions.unlimited(1),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    int v = vocabulary.size();
    assertEquals(v + v * v, r.stats().workloads);
    assertTrue(r.stats().statesChecked() > 5000, "states " + r.stats().statesChecked());
  }

  @Test
  void aFlushWithoutCommitIsCaughtAndShrunk() throws Exception {
    caughtAndShrunk(TargetBug.FLUSH_WITHOUT_COMMIT);
  }

  @Test
  void metadataBeforeTheDataFlushIsCaughtAndShrunk() throws Exception {
    caughtAndShrunk(TargetBug.METADATA_BEFORE_DATA_FLUSH);
  }

  @Test
  void noZeroingBeforeAPartialWriteIsCaughtAndShrunk() throws Exception {
    caughtAndShrunk(TargetBug.NO_ZERO_BEFORE_PARTIAL_WRITE);
  }

  private static void caughtAndShrunk(TargetBug bug) throws Exception {
    ThinVolumeSubject subject = new ThinVolumeSubject(Bugs.of(bug));
    Reproducer rep = explore(subject).reproducer().orElseThrow();
    assertTrue(rep.ops().size() <= 4, rep.render());
    assertEquals("thin-volume bugs=" + bug.id(), rep.subject(), rep.render());
    assertEquals(subject.spec(), ThinVolumeSubject.fromSpec(rep.subject()).spec());
    Replay.Result replay = Replay.run(subject, rep);
    assertTrue(replay.violation(), replay.report());
    assertTrue(replay.report().contains("sector"), replay.report());
  }

  @Test
  void theCodecRoundTripsAndNamesWhatIsWrong() {
    List<VolumeOp> ops =
        List.of(
            new VolumeOp.Create(3),
            new VolumeOp.Snapshot(2, 0),
            new VolumeOp.Delete(1),
            new VolumeOp.Write(0, 5, false),
            new VolumeOp.Write(1, 2, true),
            new VolumeOp.Flush(0),
            new VolumeOp.Discard(1, 3),
            new VolumeOp.Tick());
    for (VolumeOp op : ops) {
      assertEquals(op, VolumeOp.CODEC.parse(VolumeOp.CODEC.format(op)));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VolumeOp.CODEC.parse("write 1"));
    assertTrue(e.getMessage().contains("got 'write 1'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VolumeOp.CODEC.parse("flush -1"));
    assertThrows(IllegalArgumentException.class, () -> ThinVolumeSubject.fromSpec("dm-thin"));
  }
}
