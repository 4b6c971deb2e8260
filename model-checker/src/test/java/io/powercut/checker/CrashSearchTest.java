package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.kv.KvBug;
import io.powercut.checker.kv.KvOp;
import io.powercut.checker.kv.WalKvSubject;
import io.powercut.device.BlockDevice;
import io.powercut.device.FaultyDevice;
import io.powercut.device.IoOp;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The crash search on the write-ahead-log subject, whose few IOs are easy to follow: where it cuts
 * the power, which states it allows there, and what it reports.
 */
class CrashSearchTest {
  private static final SearchOptions OPTIONS = SearchOptions.defaults(1);

  /** The log subject, but its recovery always reads back the empty store. */
  private static final class ForgetfulRecovery implements Subject<KvOp, Map<Long, Long>> {
    private final WalKvSubject log = new WalKvSubject(Bugs.NONE);

    @Override
    public String name() {
      return "forgetful";
    }

    @Override
    public BlockDevice initialImage() {
      return log.initialImage();
    }

    @Override
    public Engine<KvOp> start(BlockDevice device) {
      return log.start(device);
    }

    @Override
    public Recovery<Map<Long, Long>> recover(BlockDevice image) {
      return Recovery.recovered(new TreeMap<>(), List.of());
    }

    @Override
    public Model<KvOp, Map<Long, Long>> newModel() {
      return log.newModel();
    }

    @Override
    public OperationCodec<KvOp> codec() {
      return log.codec();
    }
  }

  @Test
  void thePowerIsCutAfterEveryWriteFlushAndFuaAndAtTheEndButNeverAfterAMark() throws IOException {
    FaultyDevice d = new FaultyDevice(new MemoryBlockDevice(512, 4));
    byte[] block = new byte[512];
    d.mark("op 0");
    d.write(1, block);
    d.mark("op 0 end");
    d.flush();
    d.writeFua(2, block);
    d.mark("tail");
    assertArrayEquals(new int[] {2, 4, 5, 6}, CrashSearch.crashPositions(d.log()));
    assertArrayEquals(
        new int[] {0},
        CrashSearch.crashPositions(new FaultyDevice(new MemoryBlockDevice(1)).log()));
  }

  @Test
  void aCorrectEngineSurvivesEveryCrashPointAndEveryStateIsCounted() throws IOException {
    WalKvSubject s = new WalKvSubject(Bugs.NONE);
    Trace<KvOp, Map<Long, Long>> t =
        Trace.run(
            s,
            List.of(new KvOp.Put(1, 10), new KvOp.Sync(), new KvOp.Put(2, 20), new KvOp.Sync()),
            IoErrorPlan.NONE);
    CampaignStats stats = new CampaignStats();
    assertNull(new CrashSearch<>(s, OPTIONS).search(t, stats));
    assertEquals(CrashSearch.crashPositions(t.log()).length, stats.crashPoints);
    assertEquals(0, stats.violations);
    assertTrue(stats.statesChecked() > stats.crashPoints, "several states at unflushed points");
    assertEquals(stats.statesChecked(), stats.count(FaultClass.DROP, Verdict.OK));
  }

  /** The store, judged by a model that takes no failure: an IO error is then a live violation. */
  private static Subject<KvOp, Map<Long, Long>> strictStore() {
    WalKvSubject kv = new WalKvSubject(Bugs.NONE);
    return new Subject<>() {
      @Override
      public String name() {
        return "strict-kv";
      }

      @Override
      public BlockDevice initialImage() {
        return kv.initialImage();
      }

      @Override
      public Engine<KvOp> start(BlockDevice device) {
        return kv.start(device);
      }

      @Override
      public Recovery<Map<Long, Long>> recover(BlockDevice image) throws IOException {
        return kv.recover(image);
      }

      @Override
      public Model<KvOp, Map<Long, Long>> newModel() {
        Model<KvOp, Map<Long, Long>> m = kv.newModel();
        return new Model<>() {
          @Override
          public String apply(KvOp op, Outcome outcome) {
            return outcome.isOk() ? m.apply(op, outcome) : "failed: " + outcome;
          }

          @Override
          public Map<Long, Long> committed() {
            return m.committed();
          }

          @Override
          public String diff(Map<Long, Long> expected, Map<Long, Long> recovered) {
            return m.diff(expected, recovered);
          }
        };
      }

      @Override
      public OperationCodec<KvOp> codec() {
        return kv.codec();
      }
    };
  }

  @Test
  void anOutcomeTheModelRejectsIsALiveViolationFoundWithoutCuttingThePower() throws IOException {
    Subject<KvOp, Map<Long, Long>> s = strictStore();
    Trace<KvOp, Map<Long, Long>> t =
        Trace.run(
            s,
            List.of(new KvOp.Put(1, 10), new KvOp.Sync()),
            new IoErrorPlan(IoOp.WRITE, 0, false));
    assertNotNull(t.liveViolation(), "the model rejects a failed put");
    CampaignStats stats = new CampaignStats();
    Finding<KvOp> f = new CrashSearch<>(s, OPTIONS).search(t, stats);
    assertEquals(Finding.Kind.LIVE, f.kind());
    assertEquals(t.liveViolation(), f.message());
    assertEquals(0, stats.crashPoints);
    assertEquals(1, stats.violations);
  }

  @Test
  void aCrashStateThatRecoversNoAllowedStateIsACrashViolation() throws IOException {
    // The header is written before the records are flushed: it can survive without them.
    WalKvSubject s = new WalKvSubject(Bugs.of(KvBug.HEADER_BEFORE_LOG));
    Trace<KvOp, Map<Long, Long>> t =
        Trace.run(s, List.of(new KvOp.Put(1, 10), new KvOp.Sync()), IoErrorPlan.NONE);
    CampaignStats stats = new CampaignStats();
    CrashSearch<KvOp, Map<Long, Long>> search = new CrashSearch<>(s, OPTIONS);
    Finding<KvOp> f = search.search(t, stats);
    assertEquals(Finding.Kind.CRASH, f.kind());
    assertEquals(1, t.opAt(f.crashState().position() - 1), "inside the sync");
    assertEquals("recovery failed: record 1 is missing: expected sequence 1", f.message());
    assertEquals(1, stats.violations);
    Judgement again = search.judge(t, f.crashState());
    assertTrue(again.isViolation());
    assertEquals(f.message(), again.explanation());
  }

  @Test
  void insideAnOperationEitherSideIsAllowedButOnceItEndsOnlyTheStateAfterIt() throws IOException {
    Subject<KvOp, Map<Long, Long>> s = new ForgetfulRecovery();
    Trace<KvOp, Map<Long, Long>> t =
        Trace.run(s, List.of(new KvOp.Put(1, 10), new KvOp.Sync()), IoErrorPlan.NONE);
    CampaignStats stats = new CampaignStats();
    Finding<KvOp> f = new CrashSearch<>(s, OPTIONS).search(t, stats);
    assertEquals(Finding.Kind.CRASH, f.kind());
    assertEquals(
        t.log().size(),
        f.crashState().position(),
        "the empty store is allowed up to the end of the sync: " + f.crashState());
    assertEquals(
        "recovered state differs from the last committed state: expected {1=10}, got {}",
        f.message());
    int insideSync = 0;
    for (int p : CrashSearch.crashPositions(t.log())) {
      if (p < t.log().size() && t.opAt(p - 1) == 1) {
        insideSync++;
        assertEquals(List.of(Map.of(), Map.of(1L, 10L)), t.allowedAfterEntry(p - 1));
      }
    }
    assertTrue(insideSync >= 2, "the sync's flush, header write and flush: " + insideSync);
    assertEquals(stats.statesChecked() - 1, stats.count(FaultClass.DROP, Verdict.OK));
  }
}
