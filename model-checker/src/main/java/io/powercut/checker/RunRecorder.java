package io.powercut.checker;

import io.powercut.checker.results.ProgressListener;
import io.powercut.checker.results.ResultRecord;
import io.powercut.checker.results.ResultsWriter;
import io.powercut.checker.results.RunStart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records one run in a results file as it goes: its start, progress samples, its end and its
 * finding. Every record is flushed at once, so that a command that dies keeps what it had found.
 * The CLI's {@code --report} and the test suite's crash report both record through it; the writer
 * is the caller's, and may hold several runs.
 *
 * <pre>
 * RunRecorder rec = new RunRecorder(writer, "explore");
 * rec.start("explore", subject.spec(), Seeds.format(seed), "0/1", flags);
 * CampaignResult&lt;?&gt; r = new Explorer&lt;&gt;(..., rec.listener(printer)).run();
 * rec.end(r);
 * </pre>
 */
public final class RunRecorder {
  private final ResultsWriter out;
  private final String run;

  public RunRecorder(ResultsWriter out, String run) {
    this.out = out;
    this.run = run;
  }

  /**
   * The start record.
   *
   * @param command what ran: {@code explore}, {@code bugs}, {@code fuzz}, or a test's name
   * @param options the settings by flag name, for the report's run table
   */
  public void start(
      String command, String subject, String seed, String shard, Map<String, String> options)
      throws IOException {
    write(new RunStart(run, command, subject, seed, shard, options));
  }

  /** {@code next}, plus a progress sample at most once a second. */
  public ProgressListener listener(ProgressListener next) {
    return out.sampling(run, next);
  }

  /** The end record of a campaign. */
  public void end(CampaignResult<?> result) throws IOException {
    write(result.endRecord(run));
  }

  /** The finding record of {@code rep}, which the caller saved as {@code file}. */
  public void finding(Reproducer rep, Path file) throws IOException {
    write(rep.findingRecord(run, file));
  }

  /** Any record of the run, flushed at once. */
  public void write(ResultRecord r) throws IOException {
    out.write(r);
    out.flush();
  }
}
