package io.powercut.cli;

import io.powercut.checker.CampaignResult;
import io.powercut.checker.Reproducer;
import io.powercut.checker.RunRecorder;
import io.powercut.checker.results.ProgressListener;
import io.powercut.checker.results.ResultRecord;
import io.powercut.checker.results.ResultsWriter;
import io.powercut.reports.CrashReport;
import io.powercut.reports.ResultSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code powercut report}: merges results files into one HTML crash-consistency report. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Renders the results files that explore, bugs and fuzz write (--report DIR leaves"
          + " DIR/results.jsonl) as one self-contained HTML page, DIR/index.html. Several files,"
          + " e.g. the shards of one campaign run on several machines, are merged: their counters"
          + " are summed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:report written", "2:unreadable or malformed results, unwritable output"})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "results files (JSON lines)")
  List<Path> results;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "DIR",
      description = "where index.html is written (created if missing)")
  Path out;

  @Mixin DebugOption debug;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      ResultSet set = ResultSet.read(results);
      Path page = CrashReport.render(set, out);
      stdout.printf(
          "%d runs, %d findings from %d files%nreport: %s%n",
          set.runs().size(),
          set.findings().size() + set.fuzzFindings().size(),
          results.size(),
          page);
      stdout.flush();
      return Main.OK;
    } catch (IOException | RuntimeException e) {
      return debug.report(spec, e);
    }
  }

  /**
   * What {@code --report DIR} does for a command: results to {@code DIR/results.jsonl} while it
   * runs, then {@code DIR/index.html}. Without {@code --report} (a null DIR) every method does
   * nothing, so a command calls them unconditionally:
   *
   * <pre>
   * Recorder rec = Recorder.of(report, "bugs", spec);
   * rec.start(subject.spec(), Seeds.format(seed), "0/1");
   * rec.write(new BugRow(...));          // any record of io.powercut.checker.results
   * rec.finish(stdout);                  // closes the file, writes and names the page
   * </pre>
   */
  static final class Recorder {
    private final Path dir;
    private final CommandSpec command;
    private final ResultsWriter writer;
    private final RunRecorder run;

    private Recorder(Path dir, String run, CommandSpec command, ResultsWriter writer) {
      this.dir = dir;
      this.command = command;
      this.writer = writer;
      this.run = writer == null ? null : new RunRecorder(writer, run);
    }

    /** A recorder for run {@code run} of {@code command}; a no-op one if {@code dir} is null. */
    static Recorder of(Path dir, String run, CommandSpec command) throws IOException {
      return new Recorder(
          dir,
          run,
          command,
          dir == null ? null : ResultsWriter.create(dir.resolve(ResultsWriter.FILE_NAME)));
    }

    /** The start record: the command's name and the flags given on its command line. */
    void start(String subject, String seed, String shard) throws IOException {
      if (run != null) {
        run.start(command.name(), subject, seed, shard, flags(command));
      }
    }

    /** {@code next}, plus a progress sample at most once a second. */
    ProgressListener listener(ProgressListener next) {
      return run == null ? next : run.listener(next);
    }

    void end(CampaignResult<?> result) throws IOException {
      if (run != null) {
        run.end(result);
      }
    }

    void finding(Reproducer rep, Path file) throws IOException {
      if (run != null) {
        run.finding(rep, file);
      }
    }

    /** Writes a record, flushed at once so that a command that dies keeps what it had found. */
    void write(ResultRecord r) throws IOException {
      if (run != null) {
        run.write(r);
      }
    }

    /** Closes the results and renders the page next to them; says where it is. */
    void finish(PrintWriter out) throws IOException {
      if (writer == null) {
        return;
      }
      writer.close();
      Path page = CrashReport.render(List.of(dir.resolve(ResultsWriter.FILE_NAME)), dir);
      out.println("report: " + page);
      out.flush();
    }

    /** The options given on the command line, by their longest name. */
    static Map<String, String> flags(CommandSpec command) {
      Map<String, String> flags = new TreeMap<>();
      for (OptionSpec o : command.commandLine().getParseResult().matchedOptions()) {
        flags.put(o.longestName(), String.join(",", o.stringValues()));
      }
      return flags;
    }
  }
}
