package io.powercut.engine.h2;

import java.nio.ByteBuffer;

/**
 * A value the workloads store: {@code length} bytes that name themselves. The first eight bytes are
 * the stamp and the length, the rest a pattern derived from the stamp, so a recovery tells a
 * written value from a mix of two, a torn one or garbage without the model keeping the bytes.
 *
 * @param stamp distinguishes values of the same length
 * @param length the value's size in bytes, at least {@link #MIN_LENGTH}
 */
public record StampedValue(int stamp, int length) {
  /** The stamp and the length. */
  public static final int MIN_LENGTH = 8;

  /** Large enough for a value to span several pages; small enough for fast crash loops. */
  public static final int MAX_LENGTH = 1 << 16;

  public StampedValue {
    if (stamp < 0) {
      throw new IllegalArgumentException("stamp: expected >= 0, got " + stamp);
    }
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "length: expected " + MIN_LENGTH + " to " + MAX_LENGTH + ", got " + length);
    }
  }

  /** The bytes the store holds for this value. */
  public byte[] bytes() {
    byte[] b = new byte[length];
    ByteBuffer.wrap(b).putInt(stamp).putInt(length);
    for (int i = MIN_LENGTH; i < length; i++) {
      b[i] = patternByte(stamp, i);
    }
    return b;
  }

  private static byte patternByte(int stamp, int i) {
    return (byte) (stamp * 131 + i * 7 + (i >>> 9));
  }

  /**
   * The value {@code bytes} hold, or null if they are not exactly the bytes of a value (too short,
   * a length that is not theirs, a pattern byte that differs).
   */
  public static StampedValue decode(byte[] bytes) {
    if (bytes.length < MIN_LENGTH) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int stamp = b.getInt();
    int length = b.getInt();
    if (stamp < 0 || length != bytes.length || length > MAX_LENGTH) {
      return null;
    }
    for (int i = MIN_LENGTH; i < length; i++) {
      if (bytes[i] != patternByte(stamp, i)) {
        return null;
      }
    }
    return new StampedValue(stamp, length);
  }

  /** {@code STAMP:LENGTH}, the codec's form. */
  @Override
  public String toString() {
    return stamp + ":" + length;
  }

  /** Parses {@code STAMP:LENGTH}. */
  public static StampedValue parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected a value STAMP:LENGTH, got '" + text + "'");
    }
    try {
      return new StampedValue(
          Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a value STAMP:LENGTH of two numbers, got '" + text + "'", e);
    }
  }
}
