package io.powercut.thin.xml;

import java.io.IOException;
import java.util.Arrays;

/**
 * A run of pool events handed from the parser's thread to the builder's ({@link PoolXmlPipeline}):
 * mappings packed four longs each, the rarer events (superblock, device, ends) kept with the
 * position among the mappings where they came, and, in the last batch, the end of the input or the
 * parser's failure.
 */
final class PipelineBatch {
  /** Mappings per batch: large enough that the hand-over costs nothing per mapping. */
  static final int CAPACITY = 4096;

  /** An event other than a mapping, replayed onto the handler. */
  @FunctionalInterface
  interface Event {
    void applyTo(PoolXmlHandler handler) throws IOException;
  }

  private final long[] mappings = new long[4 * CAPACITY];
  private int nrMappings;
  private Event[] events = new Event[4];

  /** For each event, the number of mappings before it in this batch. */
  private int[] eventPositions = new int[4];

  private int nrEvents;
  private boolean last;
  private Throwable failure;

  boolean addMapping(long originBegin, long dataBegin, long length, long time) {
    if (nrMappings == CAPACITY) {
      return false;
    }
    int i = 4 * nrMappings++;
    mappings[i] = originBegin;
    mappings[i + 1] = dataBegin;
    mappings[i + 2] = length;
    mappings[i + 3] = time;
    return true;
  }

  boolean add(Event event) {
    if (nrEvents == CAPACITY) {
      return false;
    }
    if (nrEvents == events.length) {
      events = Arrays.copyOf(events, 2 * nrEvents);
      eventPositions = Arrays.copyOf(eventPositions, 2 * nrEvents);
    }
    events[nrEvents] = event;
    eventPositions[nrEvents++] = nrMappings;
    return true;
  }

  /** Makes this the last batch: the input ended, cleanly if {@code failure} is null. */
  void end(Throwable failure) {
    this.last = true;
    this.failure = failure;
  }

  /**
   * Replays the batch onto {@code handler} in the order the events came; true if it was the last.
   * The parser's failure is rethrown here, after every event that preceded it.
   */
  boolean replay(PoolXmlHandler handler) throws IOException {
    int e = 0;
    for (int m = 0; m < nrMappings; m++) {
      for (; e < nrEvents && eventPositions[e] == m; e++) {
        events[e].applyTo(handler);
      }
      int i = 4 * m;
      handler.mapping(mappings[i], mappings[i + 1], mappings[i + 2], mappings[i + 3]);
    }
    for (; e < nrEvents; e++) {
      events[e].applyTo(handler);
    }
    if (failure != null) {
      rethrow(failure);
    }
    return last;
  }

  private static void rethrow(Throwable t) throws IOException {
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    throw (Error) t; // the parser catches nothing else
  }
}
