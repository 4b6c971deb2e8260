package io.powercut.fuzz;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Judges images on a worker thread with a deadline, so that a reader that loops forever becomes a
 * {@link Failure.Kind#HANG} finding instead of a hung fuzzer. A worker that misses its deadline is
 * interrupted and abandoned (it is a daemon thread; code stuck in a loop over on-disk data cannot
 * be stopped safely) and the next image gets a fresh one.
 */
public final class Deadline implements Judge {
  private static final AtomicInteger WORKERS = new AtomicInteger();

  private final Duration limit;
  private final Supplier<SteppedJudge> readers;
  private ExecutorService worker;
  private Thread thread;
  private SteppedJudge reader;
  private int abandoned;

  public Deadline(Duration limit) {
    this(limit, Oracle::new);
  }

  Deadline(Duration limit, Supplier<SteppedJudge> readers) {
    this.limit = limit;
    this.readers = readers;
  }

  /** The verdict on {@code image}, or a hang if it takes longer than the limit. */
  @Override
  public ImageVerdict judge(Image image) {
    if (worker == null) {
      start();
    }
    SteppedJudge r = reader;
    Future<ImageVerdict> f = worker.submit(() -> r.judge(image));
    try {
      return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      Failure hang = Failure.hang(r.step(), thread.getStackTrace(), limit.toMillis());
      abandon();
      return new ImageVerdict(false, "hang", hang);
    } catch (ExecutionException e) {
      // The oracle catches everything its readers throw; this is the oracle's own bug.
      throw new IllegalStateException("the oracle failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new IllegalStateException("interrupted while judging an image", e);
    }
  }

  /** How many workers were abandoned to hangs. */
  public int abandoned() {
    return abandoned;
  }

  private void start() {
    reader = readers.get();
    Thread[] made = new Thread[1];
    worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "powercut-oracle-" + WORKERS.incrementAndGet());
              t.setDaemon(true);
              made[0] = t;
              return t;
            });
    // Start the thread now so that its stack can be read at a deadline.
    try {
      worker.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a worker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    thread = made[0];
  }

  private void abandon() {
    worker.shutdownNow();
    worker = null;
    thread = null;
    abandoned++;
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
  }
}
