package io.powercut.property;

import java.nio.charset.StandardCharsets;

/**
 * Seed arithmetic shared by every run: deriving per-trial seeds, naming default seeds after tests,
 * and the one textual form that reproduce lines use.
 *
 * <p>All functions are pure and fixed forever: a seed printed by CI today must reproduce the same
 * case on any machine tomorrow, so changing any constant here is a breaking change.
 */
public final class Seeds {
  /** SplitMix64's increment (2^64 divided by the golden ratio), as used by SplittableRandom. */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Seeds() {}

  /**
   * The seed of trial {@code index} under {@code base}: the {@code index}-th (from 0) output of a
   * SplitMix64 generator seeded with {@code base}. This equals the {@code index + 1}-th {@code
   * nextLong()} of {@code new SplittableRandom(base)}, but needs no generator state, so any trial
   * can be recomputed on its own.
   */
  public static long derive(long base, long index) {
    return mix64(base + (index + 1) * GOLDEN_GAMMA);
  }

  /**
   * A seed named after a string, typically {@code "ClassName#method"}: FNV-1a over the UTF-8 bytes,
   * then SplitMix64's finaliser so that similar names give unrelated seeds. Unlike {@link
   * String#hashCode()} it is 64 bits wide.
   */
  public static long fromName(String name) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return mix64(hash);
  }

  /**
   * The canonical text of a seed: {@code 0x} and lower-case unsigned hex without leading zeros. Hex
   * because seeds are bit patterns; {@link #parse} reads it back exactly.
   */
  public static String format(long seed) {
    return "0x" + Long.toHexString(seed);
  }

  /**
   * Reads a seed written as signed decimal ({@code -42}, {@code 12345}) or as {@code 0x}-prefixed
   * unsigned hex of at most 16 digits ({@code 0xdeadbeef}); surrounding blanks are ignored.
   *
   * @throws IllegalArgumentException naming the bad text and the accepted forms
   */
  public static long parse(String text) {
    String s = text.strip();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        String digits = s.substring(2);
        // parseUnsignedLong accepts a leading '+', which is not a hex digit of ours.
        if (digits.isEmpty() || digits.length() > 16 || digits.charAt(0) == '+') {
          throw new NumberFormatException();
        }
        return Long.parseUnsignedLong(digits, 16);
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a seed: '"
              + text
              + "' (expected signed decimal such as -42 or 0x and up to 16 hex digits such as"
              + " 0x1f3a)",
          e);
    }
  }

  /** SplitMix64's finaliser (Stafford's variant 13), a bijection with good avalanche. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
