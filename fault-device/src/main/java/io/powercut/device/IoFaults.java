package io.powercut.device;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan of IO errors a {@link FaultyDevice} injects. Nothing fails unless asked for: {@link
 * #none()} is the default. Operations of each {@link IoOp} kind are numbered from 0 in issue order,
 * failed ones included, and the plan can fail
 *
 * <ul>
 *   <li>one numbered operation ({@code failAt(WRITE, 7)}),
 *   <li>every operation from a number on ({@code failFrom(WRITE, 100)}): a dying disk,
 *   <li>each operation with a probability ({@code rate(READ, 0.01)}), decided by a hash of the
 *       caller's seed, the kind and the number, so the same seed fails the same operations whatever
 *       else the run does.
 * </ul>
 *
 * A failed operation has no effect: a failed write is not logged and not visible, a failed flush
 * makes nothing durable (the writes stay cached and a power loss may still drop them).
 */
public final class IoFaults {
  private static final IoFaults NONE = new Builder().build();

  private final Map<IoOp, Set<Long>> failAt;
  private final Map<IoOp, Long> failFrom;
  private final Map<IoOp, Double> rates;
  private final long seed;

  private IoFaults(Builder b) {
    EnumMap<IoOp, Set<Long>> at = new EnumMap<>(IoOp.class);
    b.failAt.forEach(
        (op, numbers) -> at.put(op, Collections.unmodifiableSet(new TreeSet<>(numbers))));
    failAt = Collections.unmodifiableMap(at);
    failFrom = Collections.unmodifiableMap(new EnumMap<>(b.failFrom));
    rates = Collections.unmodifiableMap(new EnumMap<>(b.rates));
    seed = b.seed;
  }

  /** No IO ever fails. */
  public static IoFaults none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether operation number {@code number} of kind {@code op} fails. */
  public boolean fails(IoOp op, long number) {
    if (failAt.getOrDefault(op, Set.of()).contains(number)) {
      return true;
    }
    Long from = failFrom.get(op);
    if (from != null && number >= from) {
      return true;
    }
    Double rate = rates.get(op);
    return rate != null && uniform(op, number) < rate;
  }

  /** Whether this plan never fails anything. */
  public boolean isNone() {
    return failAt.isEmpty() && failFrom.isEmpty() && rates.isEmpty();
  }

  @Override
  public String toString() {
    return isNone()
        ? "IoFaults[none]"
        : "IoFaults[failAt "
            + failAt
            + ", failFrom "
            + failFrom
            + ", rates "
            + rates
            + ", seed "
            + seed
            + "]";
  }

  // A uniform double in [0, 1) from (seed, op, number): SplitMix64's finalizer over a mixed key.
  private double uniform(IoOp op, long number) {
    long z = seed + 0x9E3779B97F4A7C15L * (number * IoOp.values().length + op.ordinal() + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }

  /** Collects a fault plan. Rates need an explicit {@link #seed}. */
  public static final class Builder {
    private final EnumMap<IoOp, Set<Long>> failAt = new EnumMap<>(IoOp.class);
    private final EnumMap<IoOp, Long> failFrom = new EnumMap<>(IoOp.class);
    private final EnumMap<IoOp, Double> rates = new EnumMap<>(IoOp.class);
    private long seed;
    private boolean seeded;

    private Builder() {}

    /** Operation number {@code number} (from 0) of kind {@code op} fails. */
    public Builder failAt(IoOp op, long number) {
      checkNumber(number);
      failAt.computeIfAbsent(op, o -> new TreeSet<>()).add(number);
      return this;
    }

    /** Every operation of kind {@code op} numbered {@code number} or more fails. */
    public Builder failFrom(IoOp op, long number) {
      checkNumber(number);
      if (failFrom.putIfAbsent(op, number) != null) {
        throw new IllegalArgumentException(op + " already fails from " + failFrom.get(op));
      }
      return this;
    }

    /** Each operation of kind {@code op} fails with probability {@code rate} in [0, 1]. */
    public Builder rate(IoOp op, double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("rate " + rate + " is not in [0, 1]");
      }
      if (rate == 0) {
        rates.remove(op);
      } else {
        rates.put(op, rate);
      }
      return this;
    }

    /** The seed that decides which operations a rate fails. */
    public Builder seed(long seed) {
      this.seed = seed;
      this.seeded = true;
      return this;
    }

    public IoFaults build() {
      if (!rates.isEmpty() && !seeded) {
        throw new IllegalStateException("fault rates " + rates + " need an explicit seed");
      }
      return new IoFaults(this);
    }

    private static void checkNumber(long number) {
      if (number < 0) {
        throw new IllegalArgumentException("operation number " + number + " is negative");
      }
    }
  }
}
