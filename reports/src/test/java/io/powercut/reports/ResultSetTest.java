package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Verdict;
import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.ResultsWriter;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultSetTest {
  @TempDir Path dir;

  static CampaignStats shardStats(int shard) {
    CampaignStats s = new CampaignStats();
    s.workloads = 10 + shard;
    s.crashPoints = 100;
    s.exhaustivePoints = 90 + shard;
    s.sampledPoints = 10 - shard;
    s.crashStates = 1000;
    s.statesRecovered = 200;
    s.statesMerged = 800;
    for (int i = 0; i < 1000; i++) {
      s.record(FaultClass.DROP, Verdict.OK);
    }
    s.unflushedHistogram.put(shard, 100L);
    return s;
  }

  Path shard(int k, int n) throws IOException {
    Path f = dir.resolve("shard" + k + ".jsonl");
    try (ResultsWriter w = ResultsWriter.create(f)) {
      w.write(new RunStart("explore", "explore", "dm-thin", "0x7", k + "/" + n, Map.of()));
      w.write(new ProgressSample("explore", 1000, 5, 50, 500, 0));
      w.write(new RunEnd("explore", 2000 + k, shardStats(k).toRecord()));
    }
    return f;
  }

  @Test
  void shardsOfOneCampaignSumIntoOneTotal() throws IOException {
    ResultSet set = ResultSet.read(List.of(shard(0, 2), shard(1, 2)));
    CampaignStats total = set.total();
    assertEquals(21, total.workloads);
    assertEquals(200, total.crashPoints);
    assertEquals(181, total.exhaustivePoints);
    assertEquals(2000, total.count(FaultClass.DROP, Verdict.OK));
    assertEquals(Map.of(0, 100L, 1, 100L), total.unflushedHistogram);
    assertEquals(4001, set.campaignMillis());
    assertEquals(2, set.runs().size(), "the same run id in two files is two runs");
    assertEquals("explore seed 0x7 shard 1/2", set.runs().get(1).label());
    assertEquals(1, set.runs().get(0).progress().size());
  }

  @Test
  void runsWithoutAnEndAreNotCampaignsAndBugRowsAreKept() throws IOException {
    Path f = dir.resolve("bugs.jsonl");
    try (ResultsWriter w = ResultsWriter.create(f)) {
      w.write(new RunStart("b", "bugs", "dm-thin bugs=x", "0x1", "0/1", Map.of()));
      w.write(new BugRow("b", "x", "does x", false, 60_000, 9, 9, -1, null));
    }
    ResultSet set = ResultSet.read(List.of(f));
    assertEquals(0, set.total().workloads);
    assertEquals(1, set.runs().size());
    assertTrue(!set.runs().get(0).isCampaign());
    assertNull(set.runs().get(0).end());
    assertEquals("x", set.bugs().get(0).bug());
  }

  @Test
  void aBadFileIsNamed() throws IOException {
    Path f = dir.resolve("junk.jsonl");
    Files.writeString(f, "hello\n");
    IOException e = assertThrows(IOException.class, () -> ResultSet.read(List.of(f)));
    assertTrue(e.getMessage().startsWith(f + ":1:"), e.getMessage());
  }

  @Test
  void countersOfAFaultClassThisVersionDoesNotKnowAreRefusedNamingTheFileAndRun()
      throws IOException {
    Path f = dir.resolve("future.jsonl");
    Files.writeString(
        f,
        "{\"type\":\"header\",\"format\":1}\n"
            + "{\"type\":\"end\",\"run\":\"r\",\"stats\":{\"byFault\":{\"gamma\":{}}}}\n");
    IOException e = assertThrows(IOException.class, () -> ResultSet.read(List.of(f)));
    assertEquals(f + ": run 'r': unknown fault class 'gamma'", e.getMessage());
  }
}
