package io.powercut.checker;

/** The judgement of one crash state. */
public enum Verdict {
  /** Plain power loss: recovered exactly an allowed committed state, and the check is clean. */
  OK,
  /** A fault the format could not have noticed did no harm: an allowed state, clean. */
  MASKED,
  /** A fault surfaced as a typed corruption error or a check problem. */
  DETECTED,
  /** Wrong: a plain power loss that did not recover cleanly, or a fault that went unnoticed. */
  VIOLATION
}
