package io.powercut.pdata.btree;

/** A non-blocking lookup needed a block that is not in memory. */
public final class WouldBlockException extends Exception {
  private static final long serialVersionUID = 1L;

  public WouldBlockException() {
    super("would block", null, false, false);
  }
}
