package io.powercut.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.Replay;
import io.powercut.checker.Reproducer;
import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.ResultRecord;
import io.powercut.checker.results.ResultsReader;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import io.powercut.checker.thin.ThinSubject;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The crash report that every {@code mvn -B verify} leaves in reports/target/crash-report/. */
class SuiteReportTest {
  @Test
  void theSuiteWritesItsCrashReport() throws Exception {
    Path page = SuiteReport.page();
    Document doc = Jsoup.parse(page.toFile());

    List<ResultRecord> explore = ResultsReader.read(SuiteReport.resultsFile("explore"));
    assertTrue(explore.get(0) instanceof RunStart, "starts with its start: " + explore);
    assertTrue(explore.stream().anyMatch(r -> r instanceof ProgressSample), "progress sampled");
    assertTrue(explore.get(explore.size() - 1) instanceof RunEnd, "ends with its end");

    assertTrue(
        doc.selectFirst("section#findings").text().contains("No violation"),
        "the correct engine survives both campaigns");
    List<String> classes =
        doc.select("section#faults tbody tr").stream().map(tr -> tr.child(0).text()).toList();
    assertEquals(List.of("drop", "torn", "misdirect", "bitrot"), classes);
    assertEquals(4, doc.select("img.plot").size(), "throughput, unflushed, coverage, detection");
    Element fuzz = doc.selectFirst("section#fuzz tbody tr");
    assertEquals(
        List.of("engine", String.format("%,d", SuiteReport.FUZZ_CASES)),
        List.of(fuzz.child(0).text(), fuzz.child(1).text()),
        "the fuzz run's target and images");
  }

  @Test
  void everySeededBugIsDetectedAndItsReproduceCommandReplaysTheViolation() throws Exception {
    Document doc = Jsoup.parse(SuiteReport.page().toFile());
    List<Element> rows = doc.select("section#bugs table").get(0).select("tbody tr");
    assertEquals(SuiteReport.BUGS.size(), rows.size());
    for (Element row : rows) {
      assertEquals("yes", row.child(1).text(), row.text());
      String command = row.child(6).text();
      String prefix = "./powercut replay ";
      assertTrue(command.startsWith(prefix), command);
      Reproducer rep = Reproducer.read(Path.of(command.substring(prefix.length())));
      Replay.Result replay = Replay.run(ThinSubject.fromSpec(rep.subject()), rep);
      assertTrue(replay.violation(), replay.report());
      assertEquals(rep.ops().size() + " ops", row.child(5).text());
    }
  }
}
