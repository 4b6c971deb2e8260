package io.powercut.device;

/**
 * How {@link CrashStateEnumerator} lists the states of a crash point. Start from {@link
 * #seeded(long)} and adjust with the {@code with} methods. Plain dropping (with reordering and
 * versions) is on by default, being what a power loss does; the other fault classes are off until
 * asked for.
 *
 * @param seed every random choice derives from it and the crash position
 * @param bound up to this many unflushed writes, every subset is enumerated
 * @param samples beyond the bound: random subsets, and the most prefixes and all-but-ones
 * @param faultSamples states per enabled fault class (torn, misdirect, bit rot)
 * @param drop whether unflushed writes may be lost; off means every one survives
 * @param torn whether a surviving write may land in only some of its sectors
 * @param misdirect whether a surviving write may land on another block
 * @param bitRot whether bits of the resulting image may flip
 */
public record EnumerationOptions(
    long seed,
    int bound,
    int samples,
    int faultSamples,
    boolean drop,
    boolean torn,
    boolean misdirect,
    boolean bitRot) {
  /** The largest bound: 2^20 subsets is the most one crash point may enumerate. */
  public static final int MAX_BOUND = 20;

  /** The largest sample count. */
  public static final int MAX_SAMPLES = 1 << 20;

  public EnumerationOptions {
    if (bound < 0 || bound > MAX_BOUND) {
      throw new IllegalArgumentException("bound " + bound + " is not in [0, " + MAX_BOUND + "]");
    }
    if (samples < 1 || samples > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "samples " + samples + " is not in [1, " + MAX_SAMPLES + "]");
    }
    if (faultSamples < 0 || faultSamples > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "fault samples " + faultSamples + " is not in [0, " + MAX_SAMPLES + "]");
    }
  }

  /**
   * Defaults: bound 10, 256 samples, 16 fault samples per enabled class, drop on, torn, misdirect
   * and bit rot off.
   */
  public static EnumerationOptions seeded(long seed) {
    return new EnumerationOptions(seed, 10, 256, 16, true, false, false, false);
  }

  public EnumerationOptions withSeed(long seed) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }

  public EnumerationOptions withBound(int bound) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }

  public EnumerationOptions withSamples(int samples) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }

  public EnumerationOptions withFaultSamples(int faultSamples) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }

  public EnumerationOptions withDrop(boolean drop) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }

  public EnumerationOptions withTorn(boolean torn) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }

  public EnumerationOptions withMisdirect(boolean misdirect) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }

  public EnumerationOptions withBitRot(boolean bitRot) {
    return new EnumerationOptions(
        seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
  }
}
