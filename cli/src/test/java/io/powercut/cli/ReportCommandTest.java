package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.ResultRecord;
import io.powercut.checker.results.ResultsReader;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;

  private Cli explore(Path report, int workloads, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "explore",
                "--workloads",
                String.valueOf(workloads),
                "--ops",
                "30",
                "--thin-check",
                "off",
                "--threads",
                "1",
                "--out",
                dir.resolve("out").toString(),
                "--report",
                report.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(new String[0]));
  }

  @Test
  void exploreWithReportWritesResultsAndThePage() throws Exception {
    Path report = dir.resolve("report");
    Cli r = explore(report, 4);
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("report: " + report.resolve("index.html")), r.out());

    List<ResultRecord> records = ResultsReader.read(report.resolve("results.jsonl"));
    RunStart start = (RunStart) records.get(0);
    assertEquals("explore", start.command());
    assertEquals("4", start.options().get("--workloads"), "the flags given are recorded");
    assertEquals("0x1", start.seed());
    RunEnd end = (RunEnd) records.get(records.size() - 1);
    assertEquals(4, end.stats().workloads());

    Document page = Jsoup.parse(report.resolve("index.html").toFile());
    assertTrue(page.selectFirst("section#summary").text().contains("workloads 4"), page.text());
  }

  @Test
  void aViolationIsInTheResultsWithTheSameReplayCommandAsPrinted() throws Exception {
    Path report = dir.resolve("report");
    Cli r = explore(report, 40, "--bugs", "superblock-before-flush");
    assertEquals(Main.FINDING, r.exitCode(), r.out() + r.err());
    String printed =
        r.out().lines().filter(l -> l.startsWith("replay it with: ")).findFirst().orElseThrow();
    FindingRecord f =
        ResultsReader.read(report.resolve("results.jsonl")).stream()
            .filter(x -> x instanceof FindingRecord)
            .map(x -> (FindingRecord) x)
            .findFirst()
            .orElseThrow();
    assertEquals(printed.substring("replay it with: ".length()), f.reproduce());
    Document page = Jsoup.parse(report.resolve("index.html").toFile());
    assertEquals(f.reproduce(), page.selectFirst("section#findings code.reproduce").text());
  }

  @Test
  void resultsOfSeveralCampaignsMergeIntoOneReport() throws Exception {
    Cli a = explore(dir.resolve("a"), 2, "--seed", "1");
    Cli b = explore(dir.resolve("b"), 2, "--seed", "2");
    assertEquals(Main.OK, a.exitCode(), a.err());
    assertEquals(Main.OK, b.exitCode(), b.err());
    Path merged = dir.resolve("merged");
    Cli r =
        Cli.run(
            "report",
            dir.resolve("a/results.jsonl").toString(),
            dir.resolve("b/results.jsonl").toString(),
            "-o",
            merged.toString());
    assertEquals(Main.OK, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("2 runs, 0 findings from 2 files"), r.out());
    long points =
        crashPoints(dir.resolve("a/results.jsonl")) + crashPoints(dir.resolve("b/results.jsonl"));
    Document page = Jsoup.parse(merged.resolve("index.html").toFile());
    String summary = page.selectFirst("section#summary").text();
    assertTrue(summary.contains("workloads 4 "), "2 + 2 workloads: " + summary);
    assertTrue(summary.contains(String.format("crash points %,d ", points)), summary);
  }

  private static long crashPoints(Path results) throws Exception {
    List<ResultRecord> records = ResultsReader.read(results);
    return ((RunEnd) records.get(records.size() - 1)).stats().crashPoints();
  }

  @Test
  void unreadableResultsAreAOneLineUsageError() throws Exception {
    Path junk = dir.resolve("junk.jsonl");
    Files.writeString(junk, "{\"type\":\"header\",\"format\":1}\nnot json\n");
    Cli bad = Cli.run("report", junk.toString(), "-o", dir.resolve("r").toString());
    assertEquals(Main.USAGE, bad.exitCode());
    assertTrue(bad.oneLineError(), bad.err());
    assertTrue(bad.err().startsWith("report: " + junk + ":2: "), bad.err());
    assertTrue(!Files.exists(dir.resolve("r/index.html")), "no page from bad input");

    Cli missing = Cli.run("report", dir.resolve("nope.jsonl").toString(), "-o", dir.toString());
    assertEquals(Main.USAGE, missing.exitCode());
    assertTrue(missing.err().contains("nope.jsonl: no such file"), missing.err());

    assertEquals(Main.USAGE, Cli.run("report", junk.toString()).exitCode(), "-o is required");
  }
}
