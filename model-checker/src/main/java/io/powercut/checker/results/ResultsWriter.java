package io.powercut.checker.results;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes results as JSON lines, buffered, header first. Thread-safe: concurrent writers' lines
 * never interleave.
 *
 * <pre>
 * try (ResultsWriter w = ResultsWriter.create(dir.resolve(ResultsWriter.FILE_NAME))) {
 *   w.write(new RunStart("explore", "explore", subject.spec(), Seeds.format(seed), "0/1", opts));
 *   CampaignResult r = new Explorer&lt;&gt;(..., w.sampling("explore", listener)).run();
 *   w.write(r.endRecord("explore"));
 * }
 * </pre>
 */
public final class ResultsWriter implements Closeable, Flushable {
  /** The name {@code --report DIR} gives the results file in DIR. */
  public static final String FILE_NAME = "results.jsonl";

  /** Progress samples closer together than this are not written. */
  static final long SAMPLE_EVERY_MILLIS = 1000;

  private final Writer out;

  public ResultsWriter(Writer out) throws IOException {
    this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
    write(new Header(ResultsFormat.VERSION));
  }

  /** A new (or truncated) results file; missing parent directories are created. */
  public static ResultsWriter create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new ResultsWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  public synchronized void write(ResultRecord r) throws IOException {
    out.write(ResultsFormat.encode(r));
    out.write('\n');
  }

  /**
   * A listener that writes a progress sample of run {@code run} at most once a second (by the
   * campaign's own clock) and passes every call on to {@code next}. A failed write surfaces as an
   * {@link UncheckedIOException} from the campaign.
   */
  public ProgressListener sampling(String run, ProgressListener next) {
    return new ProgressListener() {
      private long last = -SAMPLE_EVERY_MILLIS;

      @Override
      public void progress(StatsRecord stats, Duration elapsed) {
        long now = elapsed.toMillis();
        if (now - last >= SAMPLE_EVERY_MILLIS) {
          last = now;
          try {
            write(ProgressSample.of(run, stats, elapsed));
          } catch (IOException e) {
            throw new UncheckedIOException("writing results", e);
          }
        }
        next.progress(stats, elapsed);
      }
    };
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
