package io.powercut.reports;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Verdict;
import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.FuzzFinding;
import io.powercut.checker.results.FuzzSummary;
import io.powercut.checker.results.RunStart;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The crash-consistency report as one self-contained HTML page: no script, no external resource,
 * plots inlined as PNG data. Each section has an id (summary, faults, throughput, unflushed,
 * coverage, operations, bugs, fuzz, findings, runs) and each plot the class {@code plot}.
 */
final class ReportPage {
  /** The confidence of the per-fault-class bound. */
  static final double CONFIDENCE = 0.95;

  private static final String STYLE =
      """
      body { font-family: sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
      h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
      table { border-collapse: collapse; margin: 0.5em 0; }
      th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      tr.bad td { background: #fdecea; } .note, figcaption { color: #555; font-size: 0.92em; }
      code, pre { background: #f4f4f4; padding: 0.1em 0.3em; } pre { padding: 0.6em; overflow-x: auto; }
      img.plot { display: block; border: 1px solid #eee; max-width: 100%; height: auto; }
      .finding { border-left: 4px solid #c62828; padding-left: 1em; margin: 1em 0; }
      """;

  private final ResultSet results;
  private final Document doc = Document.createShell("");
  private final Element body = doc.body();

  private ReportPage(ResultSet results) {
    this.results = results;
  }

  static Document render(ResultSet results) {
    ReportPage page = new ReportPage(results);
    page.build();
    return page.doc;
  }

  private void build() {
    doc.head().appendElement("meta").attr("charset", "utf-8");
    doc.title("powercut crash-consistency report");
    doc.head().appendElement("style").appendText(STYLE);
    body.appendElement("h1").text("powercut crash-consistency report");
    body.appendElement("p")
        .addClass("note")
        .text("From " + String.join(", ", results.sources()) + ".");
    CampaignStats total = results.total();
    summary(total);
    faults(total);
    throughput();
    unflushed(total);
    coverage(total);
    operations(total);
    bugs();
    fuzz();
    findings();
    runs();
  }

  private void summary(CampaignStats s) {
    Element sec = section("summary", "Summary");
    List<String[]> rows = new ArrayList<>();
    long ms = results.campaignMillis();
    rows.add(row("campaigns", num(results.runs().stream().filter(Run::isCampaign).count())));
    rows.add(row("workloads", num(s.workloads)));
    rows.add(row("operations", num(s.operations)));
    rows.add(
        row(
            "crash points",
            num(s.crashPoints)
                + " ("
                + num(s.exhaustivePoints)
                + " exhaustive, "
                + num(s.sampledPoints)
                + " sampled)"));
    rows.add(row("crash states (with identical images)", num(s.crashStates + s.duplicatesSkipped)));
    rows.add(
        row(
            "distinct crash states",
            num(s.crashStates)
                + " ("
                + num(s.statesRecovered)
                + " recovered and judged, "
                + num(s.statesMerged)
                + " merged as provably the same)"));
    if (s.secondOpinions > 0) {
      rows.add(
          row(
              "thin_check second opinions",
              num(s.secondOpinions)
                  + " ("
                  + num(s.secondOpinionDisagreements)
                  + " disagreements)"));
    }
    rows.add(row("findings", num(results.findings().size() + results.fuzzFindings().size())));
    rows.add(row("campaign time (summed over runs)", seconds(ms)));
    rows.add(
        row(
            "crash states judged per second",
            ms == 0 ? "-" : num(Math.round(s.statesChecked() * 1000.0 / ms))));
    table(sec, null, rows);
  }

  private void faults(CampaignStats s) {
    Element sec = section("faults", "Fault classes");
    sec.appendElement("p")
        .addClass("note")
        .text(
            "Per kind of damage: crash states judged, and their verdicts. ok: recovered exactly a"
                + " committed state; masked: damage that did no harm; detected: damage reported"
                + " as corruption; silent: a wrong state nobody noticed (a violation). The last"
                + " column is the exact (Clopper-Pearson) one-sided "
                + Math.round(CONFIDENCE * 100)
                + "% upper bound on the probability that a random crash state of the class"
                + " violates the guarantee, treating the judged states as independent draws;"
                + " with no violation in N states it is about 3/N.");
    List<String[]> rows = new ArrayList<>();
    List<Integer> bad = new ArrayList<>();
    for (FaultClass f : FaultClass.values()) {
      long checked = 0;
      for (Verdict v : Verdict.values()) {
        checked += s.count(f, v);
      }
      if (checked == 0) {
        continue;
      }
      long silent = s.count(f, Verdict.VIOLATION);
      if (silent > 0) {
        bad.add(rows.size());
      }
      double bound = ClopperPearson.upperBound(silent, checked, CONFIDENCE);
      rows.add(
          row(
              f.id(),
              num(checked),
              num(s.count(f, Verdict.OK)),
              num(s.count(f, Verdict.MASKED)),
              num(s.count(f, Verdict.DETECTED)),
              num(silent),
              probability(bound)));
    }
    if (rows.isEmpty()) {
      empty(sec, "No campaign results in these files.");
      return;
    }
    Element t =
        table(
            sec,
            new String[] {
              "fault class",
              "checked",
              "ok",
              "masked",
              "detected",
              "silent (violations)",
              "P(violation) < (95%)"
            },
            rows);
    bad.forEach(i -> t.select("tbody tr").get(i).addClass("bad"));
  }

  private void throughput() {
    Element sec = section("throughput", "Crash states per second");
    if (results.runs().stream().noneMatch(Run::isCampaign)) {
      empty(sec, "No campaign results in these files.");
      return;
    }
    plot(
        sec,
        "plot-throughput",
        Charts.statesPerSecond(results.runs()),
        Charts.HEIGHT,
        "Crash states judged per second between progress samples (intervals of a second or"
            + " more), one line per run. Merged states count: they are judged without recovering"
            + " again.");
  }

  private void unflushed(CampaignStats s) {
    Element sec = section("unflushed", "Unflushed writes per crash point");
    if (s.unflushedHistogram.isEmpty()) {
      empty(sec, "No campaign results in these files.");
      return;
    }
    plot(
        sec,
        "plot-unflushed",
        Charts.unflushed(s.unflushedHistogram),
        Charts.HEIGHT,
        "How many writes were still in the volatile cache (unflushed) at each persistence point"
            + " where the power was cut. A point with n unflushed writes has up to 2^n crash"
            + " states; every subset is enumerated up to the bound, beyond it they are sampled.");
  }

  private void coverage(CampaignStats s) {
    Element sec = section("coverage", "Exhaustive and sampled crash points");
    if (s.crashPoints == 0) {
      empty(sec, "No campaign results in these files.");
      return;
    }
    double share = 100.0 * s.exhaustivePoints / s.crashPoints;
    sec.appendElement("p")
        .text(
            String.format(
                Locale.ROOT,
                "%s of %s crash points (%.2f%%) were covered exhaustively: every crash state"
                    + " they allow was checked. At the other %s, crash states were sampled.",
                num(s.exhaustivePoints),
                num(s.crashPoints),
                share,
                num(s.sampledPoints)));
    plot(
        sec,
        "plot-coverage",
        Charts.coverage(s.exhaustivePoints, s.sampledPoints),
        Charts.HEIGHT,
        "Crash points by how their crash states were chosen.");
  }

  private void operations(CampaignStats s) {
    Element sec = section("operations", "Operations: what the workloads asked, and how it ended");
    if (s.coverage.rows().isEmpty()) {
      empty(sec, "No operation counts in these files.");
      return;
    }
    sec.appendElement("p")
        .addClass("note")
        .text(
            "Every operation of the engine's API the workloads called: how often, with which"
                + " outcome (ok; refused: the engine said no and changed nothing; failed: an"
                + " injected IO error), and how many crash points fell inside it (an operation"
                + " that writes nothing, like a query, has none). The model judged every answer"
                + " when it was given.");
    List<String[]> rows = new ArrayList<>();
    s.coverage
        .rows()
        .forEach(
            (id, r) ->
                rows.add(
                    row(
                        id,
                        num(r.ran()),
                        num(r.ok()),
                        num(r.refused()),
                        num(r.failed()),
                        num(r.crashPoints()))));
    table(sec, new String[] {"operation", "ran", "ok", "refused", "failed", "crash points"}, rows);
  }

  private void bugs() {
    Element sec = section("bugs", "Seeded-bug detection");
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

  private void fuzz() {
    Element sec = section("fuzz", "Fuzzing");
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

  private void findings() {
    Element sec = section("findings", "Findings");
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

  private void runs() {
    Element sec = section("runs", "Runs");
    List<String[]> rows = new ArrayList<>();
    for (Run r : results.runs()) {
      RunStart s = r.start();
      rows.add(
          row(
              r.source(),
              r.id(),
              s == null ? "-" : s.command(),
              s == null ? "-" : s.subject(),
              s == null ? "-" : s.seed(),
              s == null ? "-" : s.shard(),
              s == null ? "-" : options(s),
              r.end() == null ? "-" : seconds(r.end().elapsedMillis())));
    }
    table(
        sec,
        new String[] {"file", "run", "command", "subject", "seed", "shard", "options", "time"},
        rows);
  }

  private static String options(RunStart s) {
    return s.options().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(" "));
  }

  private Element section(String id, String title) {
    Element sec = body.appendElement("section").id(id);
    sec.appendElement("h2").text(title);
    return sec;
  }

  private static void empty(Element sec, String text) {
    sec.appendElement("p").addClass("empty").text(text);
  }

  private static void plot(Element sec, String id, JFreeChart chart, int height, String caption) {
    byte[] png = Charts.png(chart, Charts.WIDTH, height);
    Element fig = sec.appendElement("figure");
    fig.appendElement("img")
        .addClass("plot")
        .id(id)
        .attr("width", String.valueOf(Charts.WIDTH))
        .attr("height", String.valueOf(height))
        .attr("alt", caption)
        .attr("src", "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    fig.appendElement("figcaption").text(caption);
  }

  private static Element table(Element parent, String[] header, List<String[]> rows) {
    Element t = parent.appendElement("table");
    if (header != null) {
      Element tr = t.appendElement("thead").appendElement("tr");
      for (String h : header) {
        tr.appendElement("th").text(h);
      }
    }
    Element tbody = t.appendElement("tbody");
    for (String[] r : rows) {
      Element tr = tbody.appendElement("tr");
      for (int i = 0; i < r.length; i++) {
        Element td = tr.appendElement(header == null && i == 0 ? "th" : "td").text(r[i]);
        if (i > 0 && r[i].matches("[0-9,.]+( .*)?")) {
          td.addClass("n");
        }
      }
    }
    return t;
  }

  private static String[] distributionRow(String what, Distribution d, String format) {
    return row(
        what,
        num(d.n()),
        f(format, d.min()),
        f(format, d.p25()),
        f(format, d.median()),
        f(format, d.p75()),
        f(format, d.p90()),
        f(format, d.max()));
  }

  private static String[] row(String... cells) {
    return cells;
  }

  private static String f(String format, double v) {
    return String.format(Locale.ROOT, format, v);
  }

  static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  /** A small probability as a number and as "1 in N", e.g. "3.0e-05 (1 in 33,290)". */
  static String probability(double p) {
    if (p >= 0.01) {
      return String.format(Locale.ROOT, "%.3f", p);
    }
    return String.format(Locale.ROOT, "%.2g (1 in %,d)", p, Math.round(1 / p));
  }
}
