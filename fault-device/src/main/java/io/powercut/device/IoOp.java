package io.powercut.device;

/**
 * The kinds of IO a {@link FaultyDevice} counts and can fail. Each kind is numbered separately from
 * 0 in issue order; a FUA write counts as a write.
 */
public enum IoOp {
  READ,
  WRITE,
  FLUSH
}
