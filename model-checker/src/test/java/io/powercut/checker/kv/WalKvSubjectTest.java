package io.powercut.checker.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.ExploreOptions;
import io.powercut.checker.Explorer;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Recovery;
import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.WorkloadSource;
import io.powercut.checker.results.ProgressListener;
import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second engine plugs into the same checker with a few small classes. */
class WalKvSubjectTest {
  private static final WalKvSubject CORRECT = new WalKvSubject(Bugs.NONE);
  private static final WalKvSubject HEADER_FIRST =
      new WalKvSubject(Bugs.of(KvBug.HEADER_BEFORE_LOG));

  private static CampaignResult<KvOp> explore(WalKvSubject subject) throws Exception {
    return new Explorer<KvOp, Map<Long, Long>>(
            () -> subject,
            WorkloadSource.random(new KvWorkloads(4), 3, 12),
            ExploreOptions.of(3, 30),
            ProgressListener.NONE)
        .run();
  }

  @Test
  void theCorrectStoreSurvivesEveryCrash() throws Exception {
    CampaignResult<KvOp> r = explore(CORRECT);
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    assertTrue(r.stats().statesChecked() > 1000);
  }

  /** A put or sync whose IO failed may have landed or not; every crash after it is one side. */
  @Test
  void theCorrectStoreSurvivesIoErrors() throws Exception {
    CampaignResult<KvOp> r =
        new Explorer<KvOp, Map<Long, Long>>(
                () -> CORRECT,
                WorkloadSource.random(new KvWorkloads(4), 3, 12),
                ExploreOptions.of(3, 30).withFaults(EnumSet.of(FaultClass.IOERROR)),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    assertTrue(r.stats().workloads == 30, "workloads " + r.stats().workloads);
  }

  @Test
  void everySequenceOfThreeOperationsSurvivesEveryCrash() throws Exception {
    CampaignResult<KvOp> r =
        new Explorer<KvOp, Map<Long, Long>>(
                () -> CORRECT,
                WorkloadSource.exhaustive(KvWorkloads.vocabulary(), 3),
                ExploreOptions.unlimited(1),
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), r.reproducer().map(Reproducer::render).orElse(""));
    assertEquals(3 + 9 + 27, r.stats().workloads);
  }

  @Test
  void writingTheHeaderBeforeTheLogIsCaughtAndShrunk() throws Exception {
    Reproducer rep = explore(HEADER_FIRST).reproducer().orElseThrow();
    // The smallest witness: one record and a sync whose header survives without the record.
    assertEquals(2, rep.ops().size(), rep.render());
    assertTrue(rep.ops().get(0).startsWith("put "), rep.render());
    assertEquals("sync", rep.ops().get(1), rep.render());
    assertEquals("kv bugs=header-before-log", rep.subject(), rep.render());
    Replay.Result replay = Replay.run(HEADER_FIRST, rep);
    assertTrue(replay.violation(), replay.report());
    assertTrue(replay.report().contains("SURVIVED"), replay.report());
  }

  @Test
  void aHeaderThatPointsOutsideTheLogIsCorruption() throws Exception {
    BlockDevice image = CORRECT.initialImage();
    KvLayout.writeHeader(image, WalKvSubject.BLOCKS);
    Recovery<Map<Long, Long>> r = CORRECT.recover(image);
    assertTrue(r.corruption().contains("expected a last record below 64"), r.toString());
    KvLayout.writeHeader(image, 1);
    Recovery<Map<Long, Long>> missing = CORRECT.recover(image);
    assertTrue(missing.corruption().contains("record 1 is missing"), missing.toString());
    KvLayout.writeRecord(image, 1, 7, 70);
    assertEquals(Map.of(7L, 70L), CORRECT.recover(image).state());
  }

  @Test
  void theCodecRoundTripsAndNamesWhatIsWrong() {
    for (KvOp op : List.of(new KvOp.Put(3, -4), new KvOp.Sync())) {
      assertEquals(op, KvOp.CODEC.parse(KvOp.CODEC.format(op)));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KvOp.CODEC.parse("put 1"));
    assertTrue(e.getMessage().contains("got 'put 1'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KvOp.CODEC.parse("put a b"));
    assertThrows(IllegalArgumentException.class, () -> new KvWorkloads(0));
  }
}
