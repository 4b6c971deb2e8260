package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Finding;
import io.powercut.checker.IoErrorPlan;
import io.powercut.checker.Reproducer;
import io.powercut.checker.Verdict;
import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.CoverageRow;
import io.powercut.checker.results.FuzzFinding;
import io.powercut.checker.results.FuzzSummary;
import io.powercut.checker.results.ResultRecord;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import io.powercut.device.CrashState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {
  @TempDir Path dir;

  static Document page(List<ResultRecord> records) {
    ResultSet set = new ResultSet();
    set.add("test.jsonl", records);
    return Jsoup.parse(ReportPage.render(set).outerHtml());
  }

  static CampaignStats stats() {
    CampaignStats s = new CampaignStats();
    s.workloads = 4;
    s.crashPoints = 10;
    s.exhaustivePoints = 7;
    s.sampledPoints = 3;
    s.crashStates = 1000;
    s.statesRecovered = 100;
    s.statesMerged = 899;
    for (int i = 0; i < 999; i++) {
      s.record(FaultClass.DROP, Verdict.OK);
    }
    s.record(FaultClass.BITROT, Verdict.VIOLATION);
    s.record(FaultClass.BITROT, Verdict.DETECTED);
    s.violations = 1;
    s.unflushedHistogram.put(2, 10L);
    return s;
  }

  @Test
  void aCampaignWithAFindingShowsEverySectionAndTheReplayCommand() {
    Reproducer rep =
        new Reproducer(
            "dm-thin bugs=x",
            Finding.crash(
                List.of("create_thin 0", "commit"),
                IoErrorPlan.NONE,
                CrashState.parse("p12:s1:r5=3"),
                "<script>alert('x')</script> & more"));
    Document doc =
        page(
            List.of(
                new RunStart("e", "explore", "dm-thin", "0x1", "0/1", Map.of("--ops", "30")),
                new RunEnd("e", 2000, stats().toRecord()),
                rep.findingRecord("e", Path.of("out/rep.txt"))));

    for (String id : List.of("summary", "faults", "throughput", "unflushed", "coverage")) {
      assertEquals(
          1,
          doc.select("section#" + id + " img.plot, section#" + id + " table").size(),
          "section " + id + " has its table or plot");
    }
    assertEquals(0, doc.select("script").size(), "a message is text, never markup");
    Element finding = doc.selectFirst("section#findings article.finding");
    assertTrue(finding.text().contains("<script>alert('x')</script> & more"), finding.text());
    assertEquals("./powercut replay out/rep.txt", finding.selectFirst("code.reproduce").text());
    assertTrue(finding.selectFirst("pre").text().contains("op create_thin 0"));

    Element bitrot = doc.select("section#faults tbody tr").get(1);
    assertEquals("bitrot", bitrot.child(0).text());
    assertTrue(bitrot.hasClass("bad"), "a class with a silent violation is marked");
    assertEquals("0.975", bitrot.child(6).text(), "1 violation in 2 states: sqrt(0.95)");
    // 1 - 0.05^(1/999) = 0.0029943, one in 333.97
    assertEquals("0.0030 (1 in 334)", doc.select("section#faults tbody tr").get(0).child(6).text());
    assertTrue(
        doc.selectFirst("section#coverage p").text().contains("7 of 10 crash points (70.00%)"));
    assertTrue(doc.selectFirst("section#summary").text().contains("findings 1"));
  }

  @Test
  void theOperationsTableSumsEveryRunByOperation() {
    CampaignStats a = stats();
    a.coverage.add("commit", new CoverageRow(5, 0, 1, 40));
    a.coverage.add("free_data_blocks", new CoverageRow(7, 2, 0, 0));
    CampaignStats b = stats();
    b.coverage.add("commit", new CoverageRow(3, 0, 0, 10));
    Document doc =
        page(List.of(new RunEnd("a", 1000, a.toRecord()), new RunEnd("b", 1000, b.toRecord())));
    List<Element> rows = doc.select("section#operations tbody tr");
    assertEquals(2, rows.size());
    assertEquals("commit 9 8 0 1 50", rows.get(0).text());
    assertEquals("free_data_blocks 9 7 2 0 0", rows.get(1).text());
    Document none = page(List.of(new RunEnd("c", 1000, stats().toRecord())));
    assertTrue(none.selectFirst("section#operations p.empty") != null, "no counts, said so");
  }

  @Test
  void bugsAndFuzzGetTheirTablesAndDetectionSummary() {
    Document doc =
        page(
            List.of(
                new BugRow("b1", "fast", "does a", true, 1000, 100, 2, 2, "./powercut replay a"),
                new BugRow("b2", "slow", "does b", true, 3000, 300, 5, 4, "./powercut replay b"),
                new BugRow("b3", "never", "does c", false, 9000, 900, 40, -1, null),
                new FuzzSummary("f", "check", 50_000, 10_000, 1),
                new FuzzFinding(
                    "f", "check", "crash", "NPE in walk", "out/i.img", "./powercut x")));
    Element bugs = doc.selectFirst("section#bugs");
    assertTrue(bugs.text().contains("2 of 3 seeded bugs detected"), bugs.text());
    assertTrue(bugs.select("tbody tr").get(2).hasClass("bad"), "an undetected bug is marked");
    Element seconds = bugs.select("table").get(1).select("tbody tr").get(0);
    assertEquals("2", seconds.child(1).text(), "only detected bugs are summarised");
    assertEquals("2.00", seconds.child(4).text(), "median of 1 s and 3 s");
    assertEquals(1, bugs.select("img.plot#plot-detection").size());
    Element fuzz = doc.selectFirst("section#fuzz");
    assertEquals("5,000", fuzz.select("tbody tr").get(0).child(3).text(), "images per second");
    assertTrue(fuzz.text().contains("NPE in walk"));
    assertEquals(0, doc.select("section#throughput img").size(), "no campaign, no plot");
    assertTrue(doc.selectFirst("section#findings").text().contains("No violation"));
  }

  @Test
  void renderWritesIndexHtmlAndReplacesAnOldOne() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out").resolve(CrashReport.INDEX), "old");
    Path results = dir.resolve("r.jsonl");
    try (var w = io.powercut.checker.results.ResultsWriter.create(results)) {
      w.write(new RunEnd("e", 2000, stats().toRecord()));
    }
    Path page = CrashReport.render(List.of(results), dir.resolve("out"));
    assertEquals(dir.resolve("out/index.html"), page);
    Document doc = Jsoup.parse(page.toFile());
    assertEquals("powercut crash-consistency report", doc.title());
    try (var files = Files.list(dir.resolve("out"))) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }
}
