package io.powercut.thin.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link PoolXmlReader#read} over two cores: the XML is parsed on a thread of its own while the
 * caller's thread hands the events to the handler, in the order the reader made them. Parsing is
 * most of a restore's work and building the rest, so the two overlap.
 *
 * <p>The outcome is the sequential one: events reach the handler in the same order, and the first
 * failure in that order is the one thrown (a handler's failure on an event stops the parser, whose
 * own later error is then never reported). Memory is bounded by {@link #QUEUED} batches of {@link
 * PipelineBatch#CAPACITY} mappings.
 */
public final class PoolXmlPipeline {
  /** Batches in flight between the two threads: enough to ride out a pause of either. */
  static final int QUEUED = 8;

  private final BlockingQueue<PipelineBatch> queue = new ArrayBlockingQueue<>(QUEUED);
  private volatile boolean cancelled;

  private PoolXmlPipeline() {}

  /** As {@link PoolXmlReader#read}, with the parsing on another thread. */
  public static void read(InputStream in, String source, PoolXmlHandler handler)
      throws IOException {
    new PoolXmlPipeline().run(in, source, handler);
  }

  private void run(InputStream in, String source, PoolXmlHandler handler) throws IOException {
    Thread parser = new Thread(() -> parse(in, source), "pool-xml-parser");
    parser.setDaemon(true);
    parser.start();
    boolean finished = false;
    try {
      while (true) {
        PipelineBatch batch = take();
        if (batch.replay(handler)) {
          finished = true;
          return;
        }
      }
    } finally {
      if (!finished) {
        stop();
      }
      join(parser);
    }
  }

  /** The parser's side: fills batches and queues each when full, then the end (or its error). */
  private void parse(InputStream in, String source) {
    BatchingHandler batches = new BatchingHandler();
    try {
      PoolXmlReader.read(in, source, batches);
      batches.finish(null);
    } catch (Cancelled e) {
      // The consumer failed first and reports its own error.
    } catch (IOException | RuntimeException | Error e) {
      try {
        batches.finish(e);
      } catch (Cancelled ignored) {
        // As above.
      }
    }
  }

  private PipelineBatch take() throws InterruptedIOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the pool XML");
    }
  }

  private void put(PipelineBatch batch) {
    try {
      while (!queue.offer(batch, 10, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          throw new Cancelled();
        }
      }
    } catch (InterruptedException e) {
      throw new Cancelled();
    }
    if (cancelled) {
      throw new Cancelled();
    }
  }

  /** Tells the parser to give up at its next hand-over, and makes room so it reaches one. */
  private void stop() {
    cancelled = true;
    queue.clear();
  }

  private void join(Thread parser) throws InterruptedIOException {
    try {
      parser.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the pool XML parser");
    }
  }

  /** Unwinds the parser when the consumer has stopped listening. */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(null, null, false, false);
    }
  }

  /** The reader's handler on the parser thread: every event goes into the current batch. */
  private final class BatchingHandler implements PoolXmlHandler {
    private PipelineBatch batch = new PipelineBatch();

    private void add(PipelineBatch.Event event) {
      if (!batch.add(event)) {
        handOver();
        batch.add(event);
      }
    }

    private void handOver() {
      put(batch);
      batch = new PipelineBatch();
    }

    /** Queues what is left and the end of the input: {@code failure} if parsing failed. */
    void finish(Throwable failure) {
      batch.end(failure);
      put(batch);
    }

    @Override
    public void mapping(long originBegin, long dataBegin, long length, long time) {
      if (!batch.addMapping(originBegin, dataBegin, length, time)) {
        handOver();
        batch.addMapping(originBegin, dataBegin, length, time);
      }
    }

    @Override
    public void beginSuperblock(XmlSuperblock superblock) {
      add(h -> h.beginSuperblock(superblock));
    }

    @Override
    public void beginDevice(XmlDevice device) {
      add(h -> h.beginDevice(device));
    }

    @Override
    public void endDevice() {
      add(PoolXmlHandler::endDevice);
    }

    @Override
    public void endSuperblock() {
      add(PoolXmlHandler::endSuperblock);
    }
  }
}
