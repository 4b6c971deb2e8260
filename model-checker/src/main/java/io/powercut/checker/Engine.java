package io.powercut.checker;

import java.io.IOException;

/** A running instance of the engine under test. */
public interface Engine<O> extends AutoCloseable {
  /**
   * Applies one operation. Never throws: a clean refusal (an invalid request, no space) and any
   * failure (an IO error, corruption, a bug) are part of the outcome the model judges.
   */
  Outcome apply(O op);

  /** Stops the engine without any further IO a crash would not also skip. */
  @Override
  void close() throws IOException;
}
