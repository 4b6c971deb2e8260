package io.powercut.checker.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Finding;
import io.powercut.checker.IoErrorPlan;
import io.powercut.checker.Reproducer;
import io.powercut.checker.Verdict;
import io.powercut.device.CrashState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsFormatTest {

  static CampaignStats stats(long seed) {
    CampaignStats s = new CampaignStats();
    s.workloads = 3 + seed;
    s.operations = 90;
    s.crashPoints = 400;
    s.exhaustivePoints = 390;
    s.sampledPoints = 10;
    s.crashStates = 5000 + seed;
    s.statesRecovered = 700;
    s.statesMerged = 4300 + seed;
    s.duplicatesSkipped = 12;
    s.secondOpinions = 4;
    s.secondOpinionDisagreements = 1;
    s.violations = seed;
    s.record(FaultClass.DROP, Verdict.OK);
    s.record(FaultClass.TORN, Verdict.MASKED);
    s.record(FaultClass.TORN, Verdict.DETECTED);
    s.record(FaultClass.BITROT, Verdict.VIOLATION);
    s.unflushedHistogram.put(0, 300L);
    s.unflushedHistogram.put(7, 100L + seed);
    return s;
  }

  @Test
  void everyRecordTypeRoundTrips() {
    Reproducer rep =
        new Reproducer(
            "dm-thin meta=64 data=64 bugs=superblock-before-flush",
            Finding.crash(
                List.of("create_thin 0", "commit"),
                IoErrorPlan.NONE,
                CrashState.parse("p42:s1,3"),
                "block 13: checksum \"bad\" <here>"));
    List<ResultRecord> records =
        List.of(
            new Header(1),
            new RunStart("r", "explore", "dm-thin", "0x1", "0/1", Map.of("--ops", "30")),
            new ProgressSample("r", 1500, 3, 40, 900, 0),
            new RunEnd("r", 4100, stats(1).toRecord()),
            rep.findingRecord("r", Path.of("out", "rep.txt")),
            new BugRow("b", "reuse-freed-block", "reuses", true, 830, 1200, 4, 3, "./powercut x"),
            new FuzzSummary("f", "check", 100_000, 20_000, 1),
            new FuzzFinding("f", "check", "crash", "NPE", "out/img", "./powercut check out/img"));
    for (ResultRecord r : records) {
      String line = ResultsFormat.encode(r);
      assertTrue(
          line.startsWith("{\"type\":\"" + ResultsFormat.typeOf(r) + "\""), "type first: " + line);
      assertTrue(!line.contains("\n"), "one line: " + line);
      assertEquals(r, ResultsFormat.decode(line));
    }
  }

  @Test
  void statsKeepEveryCounterAndSumLikeCampaignStats() {
    CampaignStats a = stats(1);
    CampaignStats b = stats(2);
    CampaignStats viaRecords =
        CampaignStats.of(
            ((RunEnd) ResultsFormat.decode(ResultsFormat.encode(new RunEnd("a", 1, a.toRecord()))))
                .stats());
    viaRecords.add(CampaignStats.of(b.toRecord()));
    a.add(b);
    assertEquals(a.toRecord(), viaRecords.toRecord());
    assertEquals(2, viaRecords.count(FaultClass.BITROT, Verdict.VIOLATION));
    assertEquals(203L, viaRecords.unflushedHistogram.get(7));
    assertEquals(a.statesChecked(), viaRecords.statesChecked());
  }

  @Test
  void findingCarriesTheReplayCommandAndTheReproducerText() {
    Reproducer rep =
        new Reproducer("dm-thin", Finding.live(List.of("commit"), IoErrorPlan.NONE, "wrong"));
    FindingRecord f = rep.findingRecord("r", Path.of("powercut-out", "reproducer-0x1.txt"));
    assertEquals("./powercut replay powercut-out/reproducer-0x1.txt", f.reproduce());
    assertEquals(rep.render(), f.reproducer());
    assertEquals("live", f.kind());
  }

  @Test
  void aFaultClassTheCheckerDoesNotKnowIsRejectedWhenTheCountersAreReadBack() {
    RunEnd end =
        (RunEnd)
            ResultsFormat.decode(
                "{\"type\":\"end\",\"run\":\"r\",\"stats\":{\"byFault\":{\"gamma\":{}}}}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CampaignStats.of(end.stats()));
    assertTrue(e.getMessage().contains("unknown fault class 'gamma'"), e.getMessage());
  }

  @Test
  void unknownTypesAreSkippedButBrokenLinesAreErrors() {
    assertNull(ResultsFormat.decode("{\"type\":\"from_the_future\",\"x\":1}"));
    assertThrows(IllegalArgumentException.class, () -> ResultsFormat.decode("{\"run\":\"r\"}"));
    assertThrows(IllegalArgumentException.class, () -> ResultsFormat.decode("[1,2]"));
    assertThrows(IllegalArgumentException.class, () -> ResultsFormat.decode("{\"type\":\"end\","));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ResultsFormat.decode("{\"type\":\"end\",\"elapsedMillis\":\"soon\"}"));
    assertTrue(e.getMessage().startsWith("bad \"end\" record: "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ResultsFormat.decode("nonsense {"));
    assertEquals("not a JSON object", e.getMessage());
  }
}
