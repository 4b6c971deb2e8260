package io.powercut.fuzz;

/**
 * How a real tool behaved on one image, as far as we can tell from the outside. Only {@link
 * #REJECTED} and {@link #ACCEPTED} are verdicts; the rest are the ways a tool misbehaves.
 */
public enum ToolBehaviour {
  /** Exited non-zero (not by a signal): it refused the image. */
  REJECTED,
  /** Exited 0 and we have nothing against it (our check finds nothing the tool reads). */
  ACCEPTED,
  /** Died of a signal (a segfault, an abort) or, for the Rust tools, panicked. */
  CRASH,
  /** Ran past its deadline, or printed far more than a small image can hold. */
  HANG,
  /** Exited 0 with output that disagrees with itself (mapped_blocks against the mappings). */
  WRONG_OUTPUT,
  /** Exited 0 on damage our checker rejects, in what the tool reads. */
  SILENT_ACCEPT;

  /** Whether this is one of the ways to misbehave. */
  public boolean misbehaves() {
    return this != REJECTED && this != ACCEPTED;
  }
}
