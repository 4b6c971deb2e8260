package io.powercut.reports;

import io.powercut.checker.CampaignStats;
import io.powercut.checker.results.BugRow;
import io.powercut.checker.results.FindingRecord;
import io.powercut.checker.results.FuzzFinding;
import io.powercut.checker.results.FuzzSummary;
import io.powercut.checker.results.ProgressSample;
import io.powercut.checker.results.ResultRecord;
import io.powercut.checker.results.ResultsReader;
import io.powercut.checker.results.RunEnd;
import io.powercut.checker.results.RunStart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of any number of results files, merged: the campaign counters of every finished run
 * are summed (so the shards of one campaign, run on several machines, make one report), and the
 * findings, bug rows and fuzz records are listed in file order.
 */
public final class ResultSet {
  private final List<String> sources = new ArrayList<>();
  private final List<Run> runs = new ArrayList<>();
  private final List<FindingRecord> findings = new ArrayList<>();
  private final List<BugRow> bugs = new ArrayList<>();
  private final List<FuzzSummary> fuzz = new ArrayList<>();
  private final List<FuzzFinding> fuzzFindings = new ArrayList<>();

  /** Reads and merges {@code files}; errors name the file and line. */
  public static ResultSet read(List<Path> files) throws IOException {
    ResultSet set = new ResultSet();
    for (Path f : files) {
      List<ResultRecord> records = ResultsReader.read(f);
      try {
        set.add(f.toString(), records);
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return set;
  }

  /**
   * Adds the records of one file, named {@code source}.
   *
   * @throws IllegalArgumentException if a run's counters name a fault class this version does not
   *     know
   */
  public void add(String source, List<ResultRecord> records) {
    sources.add(source);
    Map<String, RunBuilder> byId = new LinkedHashMap<>();
    for (ResultRecord r : records) {
      if (r instanceof RunStart s) {
        run(byId, s.run()).start = s;
      } else if (r instanceof ProgressSample p) {
        run(byId, p.run()).progress.add(p);
      } else if (r instanceof RunEnd e) {
        checkCounters(source, e);
        run(byId, e.run()).end = e;
      } else if (r instanceof FindingRecord f) {
        findings.add(f);
      } else if (r instanceof BugRow b) {
        bugs.add(b);
      } else if (r instanceof FuzzSummary s) {
        fuzz.add(s);
      } else if (r instanceof FuzzFinding f) {
        fuzzFindings.add(f);
      }
    }
    byId.values().forEach(b -> runs.add(b.build(source)));
  }

  /** Fails now, naming the file, if the counters cannot be summed (an unknown fault class). */
  private static void checkCounters(String source, RunEnd e) {
    try {
      CampaignStats.of(e.stats());
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException(source + ": run '" + e.run() + "': " + x.getMessage(), x);
    }
  }

  private static RunBuilder run(Map<String, RunBuilder> byId, String id) {
    return byId.computeIfAbsent(id, RunBuilder::new);
  }

  /** The counters of every finished campaign, summed. */
  public CampaignStats total() {
    CampaignStats total = new CampaignStats();
    for (Run r : runs) {
      if (r.isCampaign()) {
        total.add(CampaignStats.of(r.end().stats()));
      }
    }
    return total;
  }

  /** Wall time of every finished campaign, summed (machine time when shards ran in parallel). */
  public long campaignMillis() {
    return runs.stream().filter(Run::isCampaign).mapToLong(r -> r.end().elapsedMillis()).sum();
  }

  public List<String> sources() {
    return List.copyOf(sources);
  }

  public List<Run> runs() {
    return List.copyOf(runs);
  }

  public List<FindingRecord> findings() {
    return List.copyOf(findings);
  }

  public List<BugRow> bugs() {
    return List.copyOf(bugs);
  }

  public List<FuzzSummary> fuzz() {
    return List.copyOf(fuzz);
  }

  public List<FuzzFinding> fuzzFindings() {
    return List.copyOf(fuzzFindings);
  }

  private static final class RunBuilder {
    final String id;
    RunStart start;
    final List<ProgressSample> progress = new ArrayList<>();
    RunEnd end;

    RunBuilder(String id) {
      this.id = id;
    }

    Run build(String source) {
      return new Run(source, id, start, List.copyOf(progress), end);
    }
  }
}
