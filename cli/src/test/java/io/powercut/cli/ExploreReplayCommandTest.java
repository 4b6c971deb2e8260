package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreReplayCommandTest {
  @TempDir Path dir;

  @Test
  void aCleanCampaignExitsZeroWithASummary() {
    Cli r =
        Cli.run(
            "explore",
            "--workloads",
            "4",
            "--ops",
            "15",
            "--thin-check",
            "off",
            "--out",
            dir.toString());
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("no violation"), r.out());
    assertTrue(r.out().contains("distinct crash states"), r.out());
    assertTrue(r.out().matches("(?s).*drop\\s+[\\d,]+\\s+[\\d,]+.*"), r.out());
    // The coverage table: every operation, ran / ok / refused / failed / crash points.
    assertTrue(
        r.out().matches("(?s).*\\ncommit\\s+[1-9][\\d,]*(\\s+[\\d,]+){3}\\s+[1-9].*"), r.out());
    assertTrue(r.out().matches("(?s).*\\nthin_aborted_changes(\\s+[\\d,]+){5}\\n.*"), r.out());
  }

  @Test
  void aViolationIsShrunkSavedAndReplayable() throws Exception {
    Cli r =
        Cli.run(
            "explore",
            "--workloads",
            "40",
            "--ops",
            "30",
            "--thin-check",
            "off",
            "--bugs",
            "superblock-before-flush",
            "--out",
            dir.toString(),
            "--threads",
            "1");
    assertEquals(Main.FINDING, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("replay it with: ./powercut replay "), r.out());
    Path file;
    try (var files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    Cli first = Cli.run("replay", file.toString());
    Cli second = Cli.run("replay", file.toString());
    assertEquals(Main.FINDING, first.exitCode(), first.err());
    assertEquals(first.out(), second.out(), "replay prints the same bytes every time");
    assertTrue(first.out().contains("SURVIVED"), first.out());
    assertTrue(first.out().contains("verdict: VIOLATION"), first.out());
  }

  @Test
  void badFlagsAreUsageErrorsOnOneLine() {
    for (String[] args :
        new String[][] {
          {"explore", "--faults", "fire"},
          {"explore", "--bugs", "no-such-bug", "--workloads", "1"},
          {"explore", "--duration", "forever"},
          {"explore", "--shard", "4/4"},
          {"explore", "--thin-check", "sometimes", "--workloads", "1"},
        }) {
      Cli r = Cli.run(args);
      assertEquals(Main.USAGE, r.exitCode(), String.join(" ", args) + ": " + r.err());
    }
    Cli r = Cli.run("explore", "--faults", "fire");
    assertTrue(r.oneLineError(), r.err());
    assertTrue(r.err().contains("unknown fault class 'fire'"), r.err());
    Cli mode = Cli.run("explore", "--thin-check", "sometimes", "--workloads", "1");
    assertTrue(mode.oneLineError(), mode.err());
    assertTrue(mode.err().contains("expected every, sample or off, got 'sometimes'"), mode.err());
  }

  @Test
  void aCampaignOnAFileImageRefusesToOverwrite() throws Exception {
    Path image = dir.resolve("pool.img");
    Cli ok =
        Cli.run(
            "explore",
            "--workloads",
            "2",
            "--ops",
            "10",
            "--thin-check",
            "off",
            "--device",
            "file:" + image,
            "--out",
            dir.toString());
    assertEquals(Main.OK, ok.exitCode(), ok.err());
    assertTrue(Files.size(image) > 0);
    Cli again = Cli.run("explore", "--workloads", "2", "--device", "file:" + image);
    assertEquals(Main.USAGE, again.exitCode());
    assertTrue(again.err().contains("the file exists"), again.err());
  }

  @Test
  void replayOfAMalformedFileNamesTheLine() throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "subject dm-thin\nkind crash\ncrash p3:s9x\n");
    Cli r = Cli.run("replay", bad.toString());
    assertEquals(Main.USAGE, r.exitCode());
    assertTrue(r.oneLineError(), r.err());
    assertTrue(r.err().contains("bad crash state"), r.err());
  }

  @Test
  void shardsSplitACampaignAndTheirReportsMerge() throws Exception {
    long workloads = 0;
    for (int k = 0; k < 2; k++) {
      Cli r =
          Cli.run(
              "explore",
              "--workloads",
              "6",
              "--ops",
              "12",
              "--thin-check",
              "off",
              "--shard",
              k + "/2",
              "--report",
              dir.resolve("shard-" + k).toString(),
              "--out",
              dir.toString());
      assertEquals(Main.OK, r.exitCode(), r.err());
      assertTrue(r.out().contains("shard " + k + "/2"), r.out());
      workloads += Long.parseLong(r.out().replaceAll("(?s).*\\nworkloads\\s+([\\d,]+).*", "$1"));
    }
    assertEquals(6, workloads, "the shards ran every workload once");
    Cli merged =
        Cli.run(
            "report",
            dir.resolve("shard-0/results.jsonl").toString(),
            dir.resolve("shard-1/results.jsonl").toString(),
            "-o",
            dir.resolve("merged").toString());
    assertEquals(Main.OK, merged.exitCode(), merged.err());
    assertTrue(Files.exists(dir.resolve("merged/index.html")));
  }
}
