package io.powercut.thin.target;

/**
 * The pool's mode, as the kernel's {@code enum pool_mode} and {@code set_pool_mode}: what IO it
 * still serves. Modes only get worse while the pool runs, except that growing the data device ends
 * {@link #OUT_OF_DATA_SPACE}.
 */
public enum PoolMode {
  /** Everything is served. */
  WRITE,
  /**
   * No free data block even after a commit: a write that needs a new block fails with {@link
   * ThinPoolException.Reason#NO_DATA_SPACE} at once (the kernel's {@code error_if_no_space}: we
   * never queue IO), everything else is served.
   */
  OUT_OF_DATA_SPACE,
  /**
   * A metadata operation failed: the transaction was aborted, and the metadata is never written
   * again. Reads are served, and writes to blocks mapped and not shared ({@code
   * process_bio_read_only}); a write that needs a new block fails, a discard is ignored.
   */
  READ_ONLY,
  /** The abort failed too: every IO fails ({@code process_bio_fail}). */
  FAIL
}
