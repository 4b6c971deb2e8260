package io.powercut.thin.check;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The data references a walk finds, counted into a {@link RefCounter} on a second core once there
 * are many: counting a reference is a cache miss in a counter the size of the data device (about
 * half of a 10M-mapping check), while the walk itself is reading and checking nodes, so the two
 * overlap. The first {@link #BATCH} references are counted in place as they come, so a small pool
 * (every crash state an exploration judges) buffers nothing and starts no thread. Either way the
 * counts are the same.
 */
final class RefCounting implements DataReferences {
  /** References counted in place, then per hand-over; the first hand-over starts the thread. */
  static final int BATCH = 1 << 14;

  /** Batches in flight: the walk runs ahead of the counting by at most this much. */
  private static final int QUEUED = 8;

  private static final long[] END = new long[0];

  private final RefCounter counter;
  private final LeafRefs leaf = new LeafRefs();
  private int inPlace;
  private long[] buffer;
  private int used;
  private BlockingQueue<long[]> queue;
  private Thread thread;
  private volatile RuntimeException failure;

  RefCounting(RefCounter counter) {
    this.counter = counter;
  }

  /** Adds one reference to {@code b}, which must be below the counter's size. */
  void inc(long b) {
    if (inPlace < BATCH) {
      inPlace++;
      counter.inc(b);
      return;
    }
    if (buffer == null) {
      buffer = new long[BATCH];
    } else if (used == buffer.length) {
      handOver();
    }
    buffer[used++] = b;
  }

  @Override
  public boolean countLeaf(long block, byte[] node, int nr, long nrDataBlocks, long time) {
    leaf.scan(node, nr, nrDataBlocks, counter.size());
    for (int i = 0; i < leaf.count(); i++) {
      inc(leaf.ref(i));
    }
    return leaf.clean(time);
  }

  @Override
  public RefCounter finish() {
    if (thread == null) {
      if (buffer != null) {
        count(buffer, used);
      }
    } else {
      put(Arrays.copyOf(buffer, used));
      stop();
    }
    used = 0;
    if (failure != null) {
      throw failure;
    }
    return counter;
  }

  /** Stops the counting thread, if any, when the walk failed before {@link #finish}. */
  @Override
  public void close() {
    if (thread != null && thread.isAlive()) {
      stop();
    }
  }

  private void handOver() {
    if (thread == null) {
      queue = new ArrayBlockingQueue<>(QUEUED);
      thread = new Thread(this::countBatches, "check-ref-counting");
      thread.setDaemon(true);
      thread.start();
    }
    put(buffer);
    buffer = new long[BATCH];
    used = 0;
  }

  private void countBatches() {
    try {
      for (long[] batch = take(); batch != END; batch = take()) {
        count(batch, batch.length);
      }
    } catch (RuntimeException e) {
      failure = e;
      queue.clear(); // the walk may be waiting to hand over; it stops at finish or close
      while (take() != END) {
        queue.clear();
      }
    }
  }

  private void count(long[] refs, int n) {
    for (int i = 0; i < n; i++) {
      counter.inc(refs[i]);
    }
  }

  private void stop() {
    put(END);
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(long[] batch) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(batch);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the hand-over must happen, or the counts would be wrong
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private long[] take() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Nothing interrupts this private thread; the walk always ends it with END.
      }
    }
  }
}
