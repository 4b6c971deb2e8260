package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.JournalDataSubject.Commit;
import io.powercut.checker.JournalDataSubject.Op;
import io.powercut.checker.JournalDataSubject.Put;
import io.powercut.checker.results.ProgressListener;
import io.powercut.device.CrashState;
import io.powercut.device.GroupCrashPoint;
import io.powercut.device.IoLog;
import io.powercut.device.IoOp;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash search over a subject of two devices ({@link JournalDataSubject}): one power cut hits
 * both, and a flush of one device does not make the other's writes durable.
 */
class TwoDeviceSearchTest {
  private static final SearchOptions OPTIONS = SearchOptions.defaults(1);
  private static final WorkloadSource<Op> SHORT_WORKLOADS =
      WorkloadSource.exhaustive(List.of(new Put(0, 10), new Put(1, 20), new Commit()), 4);

  @Test
  void theCorrectStoreRecoversEveryCrashStateOfEveryShortWorkload() throws IOException {
    JournalDataSubject subject = new JournalDataSubject(false);
    CrashSearch<Op, Map<Integer, Long>> search = new CrashSearch<>(subject, OPTIONS);
    CampaignStats stats = new CampaignStats();
    for (long i = 0; i < SHORT_WORKLOADS.size().getAsLong(); i++) {
      Trace<Op, Map<Integer, Long>> trace =
          Trace.run(subject, SHORT_WORKLOADS.workload(i), IoErrorPlan.NONE);
      assertEquals(2, trace.group().size());
      assertNull(search.search(trace, stats), "workload " + SHORT_WORKLOADS.workload(i));
    }
    assertTrue(stats.exhaustivePoints == stats.crashPoints, "every point is enumerated in full");
    assertTrue(stats.statesRecovered > 0);
    assertEquals(stats.statesChecked(), stats.count(FaultClass.DROP, Verdict.OK));
  }

  @Test
  void skippingTheDataFlushIsFoundShrunkAndReplayed(@TempDir Path dir) throws IOException {
    JournalDataSubject subject = new JournalDataSubject(true);
    CrashSearch<Op, Map<Integer, Long>> search = new CrashSearch<>(subject, OPTIONS);
    List<Op> ops = List.of(new Put(0, 10), new Put(1, 20), new Commit(), new Put(0, 11));
    Trace<Op, Map<Integer, Long>> trace = Trace.run(subject, ops, IoErrorPlan.NONE);
    Finding<Op> found = search.search(trace, new CampaignStats());
    assertNotNull(found);

    Finding<Op> shrunk = new FindingShrinker<>(subject, search, 500).shrink(trace, found);
    assertEquals(Finding.Kind.CRASH, shrunk.kind());
    assertEquals(FaultClass.DROP, shrunk.fault());
    assertEquals(2, shrunk.ops().size(), "one put and its commit: " + shrunk.ops());
    assertTrue(shrunk.message().contains("lacks it"), shrunk.message());
    assertCommitSurvivedWithoutItsData(subject, shrunk);

    Reproducer written = Reproducer.of(subject, shrunk);
    Path file = dir.resolve("journal-data.repro");
    written.write(file);
    Replay.Result replay = Replay.run(subject, Reproducer.read(file));
    assertTrue(replay.violation(), replay.report());
    assertTrue(replay.report().contains("device 1: 1 unflushed writes"), replay.report());
    assertTrue(replay.report().contains("WRITE device 1 block 0  lost"), replay.report());
    assertEquals(replay.report(), Replay.run(subject, written).report(), "byte for byte");
  }

  @Test
  void aFlushOfTheJournalLeavesTheDataDeviceCached() throws IOException {
    JournalDataSubject subject = new JournalDataSubject(true);
    Trace<Op, Map<Integer, Long>> trace =
        Trace.run(subject, List.of(new Put(0, 10), new Commit()), IoErrorPlan.NONE);
    IoLog log = trace.log();
    int journalFlush = -1;
    for (int i = 0; i < log.size(); i++) {
      if (log.kind(i) == IoLog.Kind.FLUSH && log.device(i) == 0) {
        journalFlush = i;
      }
    }
    GroupCrashPoint point = trace.group().crashPoint(journalFlush + 1);
    assertEquals(0, point.member(0).unflushedCount(), "the record is durable");
    assertEquals(1, point.member(1).unflushedCount(), "the data is not");
    Judgement lost = new CrashSearch<>(subject, OPTIONS).judge(trace, point.noneSurvive());
    assertTrue(lost.isViolation(), lost.explanation());
  }

  @Test
  void anIoErrorFailsOnlyItsOwnDevice() throws IOException {
    JournalDataSubject subject = new JournalDataSubject(false);
    IoErrorPlan dataFlush = IoErrorPlan.parse("flush 0 on device 1");
    assertEquals(new IoErrorPlan(IoOp.FLUSH, 0, false, 1), dataFlush);
    assertEquals("flush 0 on device 1", dataFlush.toString());
    List<Op> ops = List.of(new Put(0, 10), new Commit());
    Trace<Op, Map<Integer, Long>> trace = Trace.run(subject, ops, dataFlush);
    assertEquals(1, trace.stoppedAt());
    assertEquals(Outcome.Kind.FAILED, trace.outcomes().get(1).kind());
    assertEquals(0, trace.group().member(0).operations(IoOp.WRITE), "no record after the failure");
    assertNull(new CrashSearch<>(subject, OPTIONS).search(trace, new CampaignStats()));
    IoErrorPlan third = IoErrorPlan.parse("write 0 on device 2");
    assertThrows(IllegalArgumentException.class, () -> Trace.run(subject, ops, third));
  }

  @Test
  void everyFaultClassOverBothDevicesFindsNothingOnTheCorrectStore() throws IOException {
    ExploreOptions options =
        ExploreOptions.unlimited(3)
            .withFaults(EnumSet.allOf(FaultClass.class))
            .withThreads(1)
            .withShrink(false);
    CampaignResult<Op> r =
        new Explorer<Op, Map<Integer, Long>>(
                () -> new JournalDataSubject(false),
                SHORT_WORKLOADS,
                options,
                ProgressListener.NONE)
            .run();
    assertTrue(r.finding().isEmpty(), Campaigns.describe(r));
    for (FaultClass f : EnumSet.of(FaultClass.TORN, FaultClass.MISDIRECT, FaultClass.BITROT)) {
      assertEquals(0, r.stats().count(f, Verdict.VIOLATION), f.id());
    }
    assertTrue(r.stats().count(FaultClass.BITROT, Verdict.DETECTED) > 0, "bit rot is caught");
    assertTrue(r.stats().count(FaultClass.MISDIRECT, Verdict.DETECTED) > 0, "misdirects too");
  }

  /** In the shrunk crash the commit record is on device 0's disk, its data not on device 1's. */
  private static void assertCommitSurvivedWithoutItsData(JournalDataSubject subject, Finding<Op> f)
      throws IOException {
    Trace<Op, Map<Integer, Long>> trace = Trace.run(subject, f.ops(), IoErrorPlan.NONE);
    CrashState state = f.crashState();
    GroupCrashPoint point = trace.group().crashPoint(state.position());
    IoLog log = trace.log();
    int record = -1;
    int data = -1;
    for (int i = 0; i < state.position(); i++) {
      if (log.kind(i) == IoLog.Kind.WRITE) {
        if (log.device(i) == 0) {
          record = i;
        } else {
          data = i;
        }
      }
    }
    assertTrue(record >= 0 && data >= 0, "the crash follows both writes");
    assertTrue(
        !point.member(0).isUnflushedWrite(record) || state.covers(record),
        "the commit record is durable or survived");
    assertTrue(point.member(1).isUnflushedWrite(data), "device 0's flush left the data cached");
    assertFalse(state.covers(data), "the data was lost");
  }

  @Test
  void aSubjectOfOneDeviceRefusesSeveral() {
    Subject<Op, Map<Integer, Long>> one =
        new Subject<>() {
          private final JournalDataSubject store = new JournalDataSubject(false);

          @Override
          public String name() {
            return "one";
          }

          @Override
          public Model<Op, Map<Integer, Long>> newModel() {
            return store.newModel();
          }

          @Override
          public OperationCodec<Op> codec() {
            return store.codec();
          }
        };
    List<MemoryBlockDevice> two = List.of(new MemoryBlockDevice(1), new MemoryBlockDevice(1));
    assertThrows(IllegalArgumentException.class, () -> one.start(two));
    assertThrows(IllegalArgumentException.class, () -> one.recover(two));
    assertThrows(UnsupportedOperationException.class, one::initialImages);
  }
}
