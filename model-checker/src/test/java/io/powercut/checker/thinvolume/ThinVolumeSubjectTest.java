package io.powercut.checker.thinvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.Reproducer;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.pdata.Bugs;
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
    for (VolumeOpKind k : VolumeOpKind.values()) {
      assertTrue(r.stats().coverage.row(k).ok() > 0, k.id() + " never succeeded");
    }
  }

  /**
   * The bounded exhaustive sweep: every sequence of up to 3 operations of the vocabulary (2
   * volumes, whole and partial writes, FUA, flushes, a snapshot, discards by origin and snapshot, a
   * tick), every crash state of both devices.
   */
  @Test
  void everySequenceOfThreeOperationsSurvivesEveryCrash() throws Exception {
    List<VolumeOp> vocabulary = VolumeWorkloads.vocabulary();
    CampaignResult<VolumeOp> r =
        new Explorer<VolumeOp, VolumeState>(
                () -> CORRECT,
                WorkloadSource.exhaustive(vocabulary, 3),
                ExploreOptions.unlimited(1).withThreads(2),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    int v = vocabulary.size();
    assertEquals(v + v * v + v * v * v, r.stats().workloads);
    assertTrue(r.stats().statesChecked() > 200_000, "states " + r.stats().statesChecked());
  }

  /**
   * A FUA write of two blocks that a power cut interrupts may have landed in one block and not the
   * other: the model must allow it (it once called this a violation).
   */
  @Test
  void anInterruptedFuaOfTwoBlocksMayLandInPart() throws Exception {
    List<VolumeOp> ops =
        List.of(
            new VolumeOp.Write(1, 7, false),
            new VolumeOp.Flush(1),
            new VolumeOp.Write(1, 6, 2, true));
    CampaignResult<VolumeOp> r =
        new Explorer<VolumeOp, VolumeState>(
                () -> CORRECT,
                WorkloadSource.exhaustive(List.of(ops.get(0), ops.get(1), ops.get(2)), 3),
                ExploreOptions.unlimited(1),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
  }

  /** Writes and discards past the end of a volume are refused, as the model predicts. */
  @Test
  void writesAndDiscardsPastTheEndAreRefused() throws Exception {
    VolumeModel model = new VolumeModel();
    try (VolumeEngine engine = (VolumeEngine) CORRECT.start(CORRECT.initialImages())) {
      for (VolumeOp op : List.of(new VolumeOp.Write(0, 7, 2, false), new VolumeOp.Discard(0, 4))) {
        io.powercut.checker.Outcome o = engine.apply(op);
        assertTrue(o.isRefused(VolumeRefusal.OUT_OF_RANGE), op + ": " + o);
        assertEquals(null, model.apply(op, o));
      }
    }
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
            new VolumeOp.Write(1, 2, 2, false),
            new VolumeOp.Write(0, 6, 2, true),
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
    assertThrows(IllegalArgumentException.class, () -> VolumeOp.CODEC.parse("fua 0 2 0"));
    assertThrows(IllegalArgumentException.class, () -> VolumeOp.CODEC.parse("write 0 0 9"));
    assertThrows(IllegalArgumentException.class, () -> ThinVolumeSubject.fromSpec("dm-thin"));
  }
}
