package io.powercut.reports;

import static io.powercut.reports.Html.distributionRow;
import static io.powercut.reports.Html.empty;
import static io.powercut.reports.Html.num;
import static io.powercut.reports.Html.plot;
import static io.powercut.reports.Html.row;
import static io.powercut.reports.Html.seconds;
import static io.powercut.reports.Html.section;
import static io.powercut.reports.Html.table;

import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.FuzzFinding;
import io.powercut.checker.results.FuzzSummary;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * The sections of the report about what was hunted and found: the seeded-bug detection table, the
 * fuzz runs and their findings, and every campaign violation with its reproducer.
 */
final class FindingSections {
  private final ResultSet results;
  private final Element body;

  FindingSections(ResultSet results, Element body) {
    this.results = results;
    this.body = body;
  }

  void bugs() {
    Element sec = section(body, "bugs", "Seeded-bug detection");
    List<BugRow> rows = results.bugs();
    if (rows.isEmpty()) {
      empty(sec, "No seeded-bug results in these files (./powercut bugs writes them).");
      return;
    }
    long detected = rows.stream().filter(BugRow::detected).count();
    sec.appendElement("p")
        .text(
            detected
                + " of "
                + rows.size()
                + " seeded bugs detected. Each ran in its own campaign, stopped at its first"
                + " violation; times and crash states are counted to that violation, before"
                + " shrinking.");
    List<String[]> table = new ArrayList<>();
    List<Integer> missed = new ArrayList<>();
    for (BugRow b : rows) {
      if (!b.detected()) {
        missed.add(table.size());
      }
      table.add(
          row(
              b.bug(),
              b.detected() ? "yes" : "NO",
              seconds(b.detectionMillis()),
              num(b.statesToDetection()),
              num(b.workloadsToDetection()),
              b.shrunkOps() < 0 ? "-" : b.shrunkOps() + " ops",
              b.reproduce() == null ? "-" : b.reproduce(),
              b.description()));
    }
    Element t =
        table(
            sec,
            new String[] {
              "bug",
              "detected",
              "time to first detection",
              "crash states to first detection",
              "workloads",
              "shrunk reproducer",
              "reproduce",
              "what it does"
            },
            table);
    missed.forEach(i -> t.select("tbody tr").get(i).addClass("bad"));
    detectionSummary(sec, rows);
  }

  private void detectionSummary(Element sec, List<BugRow> rows) {
    List<BugRow> found = rows.stream().filter(BugRow::detected).toList();
    if (found.isEmpty()) {
      return;
    }
    Distribution time =
        Distribution.of(found.stream().mapToDouble(b -> b.detectionMillis() / 1000.0).toArray());
    Distribution states =
        Distribution.of(found.stream().mapToDouble(BugRow::statesToDetection).toArray());
    sec.appendElement("h3").text("Time to first detection (detected bugs)");
    table(
        sec,
        new String[] {"", "n", "min", "25th pct", "median", "75th pct", "90th pct", "max"},
        List.of(
            distributionRow("seconds", time, "%.2f"),
            distributionRow("crash states", states, "%,.0f")));
    plot(
        sec,
        "plot-detection",
        Charts.detectionTimes(rows),
        Charts.heightFor(found.size()),
        "Seconds from the start of each bug's campaign to its first violation.");
  }

  void fuzz() {
    Element sec = section(body, "fuzz", "Fuzzing");
    if (results.fuzz().isEmpty() && results.fuzzFindings().isEmpty()) {
      empty(sec, "No fuzz results in these files (./powercut fuzz writes them).");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (FuzzSummary f : results.fuzz()) {
      rows.add(
          row(
              f.target(),
              num(f.images()),
              seconds(f.elapsedMillis()),
              num(Math.round(f.imagesPerSecond())),
              num(f.findings())));
    }
    table(sec, new String[] {"target", "images", "time", "images/s", "findings"}, rows);
    if (!results.fuzzFindings().isEmpty()) {
      List<String[]> found = new ArrayList<>();
      for (FuzzFinding f : results.fuzzFindings()) {
        found.add(row(f.target(), f.kind(), f.message(), f.input(), f.reproduce()));
      }
      sec.appendElement("h3").text("Fuzz findings");
      table(sec, new String[] {"target", "kind", "message", "input", "reproduce"}, found);
    }
  }

  void findings() {
    Element sec = section(body, "findings", "Findings");
    List<FindingRecord> list = results.findings();
    if (list.isEmpty()) {
      sec.appendElement("p").addClass("ok").text("No violation in these campaigns.");
      return;
    }
    int i = 1;
    for (FindingRecord f : list) {
      Element a = sec.appendElement("article").addClass("finding");
      a.appendElement("h3")
          .text(
              "Finding "
                  + i++
                  + ": "
                  + f.kind()
                  + " violation, "
                  + f.fault()
                  + " ("
                  + f.run()
                  + ")");
      a.appendElement("p").text(f.message());
      a.appendElement("p")
          .text(
              f.ops().size()
                  + " operations"
                  + (f.crashState().isEmpty() ? "" : ", crash state " + f.crashState())
                  + ", subject "
                  + f.subject());
      Element p = a.appendElement("p").text("Reproduce: ");
      p.appendElement("code").addClass("reproduce").text(f.reproduce());
      Element details = a.appendElement("details");
      details.appendElement("summary").text("reproducer file");
      details.appendElement("pre").text(f.reproducer());
    }
  }
}
