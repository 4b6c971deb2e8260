package io.powercut.device;

/** Helpers on the bytes of a block. */
public final class BlockBytes {
  private BlockBytes() {}

  /** Whether every byte of {@code bytes} is zero: a block a sparse store need not keep. */
  public static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
