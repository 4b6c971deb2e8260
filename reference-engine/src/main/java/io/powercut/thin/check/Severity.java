package io.powercut.thin.check;

/** How bad a {@link Problem} is. */
public enum Severity {
  /** The metadata is unsafe to use: data could be lost, or lookups could go wrong. */
  FATAL,
  /** Wasted or misreported space (a leak, a stale counter): safe to use, worth repairing. */
  NON_FATAL
}
