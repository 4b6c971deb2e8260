package io.powercut.reports;

import static io.powercut.reports.Html.empty;
import static io.powercut.reports.Html.num;
import static io.powercut.reports.Html.plot;
import static io.powercut.reports.Html.probability;
import static io.powercut.reports.Html.row;
import static io.powercut.reports.Html.seconds;
import static io.powercut.reports.Html.section;
import static io.powercut.reports.Html.table;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.FaultClass;
import io.powercut.checker.Verdict;
import io.powercut.checker.results.RunStart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
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
    FindingSections found = new FindingSections(results, body);
    found.bugs();
    found.fuzz();
    found.findings();
    runs();
  }

  private void summary(CampaignStats s) {
    Element sec = section(body, "summary", "Summary");
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
    Element sec = section(body, "faults", "Fault classes");
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
    Element sec = section(body, "throughput", "Crash states per second");
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
    Element sec = section(body, "unflushed", "Unflushed writes per crash point");
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
    Element sec = section(body, "coverage", "Exhaustive and sampled crash points");
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
    Element sec =
        section(body, "operations", "Operations: what the workloads asked, and how it ended");
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

  private void runs() {
    Element sec = section(body, "runs", "Runs");
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
}
