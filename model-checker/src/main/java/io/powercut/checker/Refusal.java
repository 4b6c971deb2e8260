package io.powercut.checker;

/**
 * Why an engine refused an operation, as its subject types it (an enum of the engine's reasons
 * implements this), so a model matches a refusal by value, never by its text.
 */
public interface Refusal {
  /** A stable word for output, e.g. {@code device_exists}. */
  String word();
}
