package io.powercut.fuzz;

import io.powercut.checker.results.FuzzFinding;
import io.powercut.checker.results.FuzzSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fuzzing campaign: worker threads take cases in order ({@link Corpus#make}), judge each mutated
 * image, and minimize and save every new kind of failure. It ends after a number of cases or a
 * duration, whichever comes first, or when workers keep getting stuck in hangs.
 */
public final class Campaign {
  /** Workers abandoned to hangs before the campaign gives up. */
  static final int MAX_ABANDONED = 8;

  /** The figures of a campaign so far. */
  public record Progress(
      long cases,
      double seconds,
      int findings,
      long failedCases,
      int outcomes,
      List<Differential.Counts> differential,
      int abandoned) {
    public double perSecond() {
      return seconds <= 0 ? 0 : cases / seconds;
    }
  }

  /** Hears about a campaign as it runs. */
  public interface Listener {
    void progress(Progress p);

    void found(ImageFinding f);
  }

  private final Corpus corpus;
  private final FuzzOptions options;
  private final Listener listener;
  private final FindingStore store;
  private final Differential differential;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final Set<String> outcomes = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Throwable> crash = new AtomicReference<>();
  private volatile boolean stop;
  private long start;

  public Campaign(Corpus corpus, FuzzOptions options, Listener listener) {
    this.corpus = corpus;
    this.options = options;
    this.listener = listener;
    this.store = new FindingStore(options.out(), options.seed(), options.target());
    this.differential =
        new Differential(
            options.out().resolve("disagreements"), options.deadline(), options.tools());
  }

  /** Runs to the end and returns the final figures; {@link #findings()} has what was found. */
  public Progress run() throws InterruptedException {
    start = System.nanoTime();
    long end = start + options.duration().toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < options.threads(); i++) {
      Thread t = new Thread(this::work, "powercut-fuzz-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      while (t.isAlive()) {
        t.join(Math.max(1, Math.min(2000, (end - System.nanoTime()) / 1_000_000)));
        if (System.nanoTime() >= end) {
          stop = true;
        }
        if (t.isAlive()) {
          listener.progress(progress());
        }
      }
    }
    Throwable t = crash.get();
    if (t != null) {
      throw new IllegalStateException("a fuzz worker failed: " + t, t);
    }
    return progress();
  }

  public List<ImageFinding> findings() {
    return store.findings();
  }

  /** The {@code fuzz} record of run {@code run} that ended with figures {@code p}. */
  public FuzzSummary summaryRecord(String run, Progress p) {
    return new FuzzSummary(
        run, options.target().id(), p.cases(), Math.round(p.seconds() * 1000), findings().size());
  }

  /** A {@code fuzz_finding} record of run {@code run} for every finding, in the order found. */
  public List<FuzzFinding> findingRecords(String run) {
    List<FuzzFinding> out = new ArrayList<>();
    for (ImageFinding f : findings()) {
      out.add(
          new FuzzFinding(
              run,
              options.target().id(),
              f.failure().kind().name().toLowerCase(Locale.ROOT),
              f.failure().message(),
              f.image().toString(),
              f.replayCommand(options.target())));
    }
    return out;
  }

  /** The figures now. */
  public Progress progress() {
    return new Progress(
        done.get(),
        (System.nanoTime() - start) / 1e9,
        store.findings().size(),
        failed.get(),
        outcomes.size(),
        differential.counts(),
        (int) abandoned.get());
  }

  private void work() {
    try (Judge judge = newJudge()) {
      long lastAbandoned = 0;
      while (!stop) {
        long n = next.getAndIncrement();
        if (n >= options.caseLimit().orElse(Long.MAX_VALUE)) {
          return;
        }
        long i = options.caseNumber(n);
        Case c = corpus.make(options.seed(), i);
        Image image = corpus.image(c);
        ImageVerdict v = judge.judge(image);
        outcomes.add(v.outcome());
        if (v.failed()) {
          failed.incrementAndGet();
          record(judge, c, v.failure());
        } else if (sampled(i)) {
          differential.compare(image, v.checkClean(), "case " + i + " of seed " + options.seed());
        }
        done.incrementAndGet();
        if (judge instanceof Deadline d && d.abandoned() > lastAbandoned) {
          abandoned.addAndGet(d.abandoned() - lastAbandoned);
          lastAbandoned = d.abandoned();
          if (abandoned.get() >= MAX_ABANDONED) {
            stop = true;
          }
        }
      }
    } catch (Throwable t) {
      crash.compareAndSet(null, t);
      stop = true;
    }
  }

  private boolean sampled(long i) {
    return options.target() == FuzzTarget.ENGINE
        && options.thinCheckEvery() > 0
        && i % options.thinCheckEvery() == 0;
  }

  private void record(Judge judge, Case c, Failure failure) throws IOException {
    if (store.known(failure.signature())) {
      return;
    }
    Case small = Minimizer.minimize(corpus, judge, c, failure);
    // Report what the minimized case itself does (its message, its stack).
    ImageVerdict v = judge.judge(corpus.image(small));
    boolean same = v.failed() && v.failure().signature().equals(failure.signature());
    ImageFinding f = store.save(corpus, c, small, same ? v.failure() : failure);
    if (f != null) {
      listener.found(f);
    }
  }

  private Judge newJudge() {
    if (options.target() == FuzzTarget.ENGINE) {
      return new Deadline(options.deadline());
    }
    try {
      return new ToolsJudge(options.tools(), options.deadline());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
