package io.powercut.fs;

import io.powercut.device.EnumerationOptions;
import io.powercut.device.SurvivorSubsets;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lists the states a power loss at one {@link FsCrashPoint} may leave, each distinct image once;
 * the file-level sibling of the block level's {@code CrashStateEnumerator}, bounded the same way
 * and by the same {@link EnumerationOptions}:
 *
 * <ul>
 *   <li><b>Survivor sets</b> over the pending operations in log order, chosen by the block level's
 *       {@link SurvivorSubsets}: every subset up to {@link EnumerationOptions#bound()} pending
 *       operations, beyond it prefixes, all-but-ones and seeded random subsets. Under {@link
 *       PersistenceMode#IN_ORDER} the one set where all survive (the shorter prefixes are earlier
 *       crash points). Under {@link PersistenceMode#ORDERED} each set is first made valid (metadata
 *       cut at its first lost operation, the writes a surviving replacing rename flushes added), so
 *       "exhaustive" still means every valid state was considered.
 *   <li><b>Torn writes</b>, if {@link EnumerationOptions#torn()}: up to {@link
 *       EnumerationOptions#faultSamples()} states, the most recent tearable pending writes first,
 *       each with every pending operation before it surviving and a random partial sector mask.
 * </ul>
 *
 * Two states are one when their {@link FsImage}s are equal. Misdirected writes and bit rot are
 * block-level faults with no meaning here, so options asking for them are refused. Every random
 * choice comes from the seed and the position: the same inputs give the same states in the same
 * order.
 */
public final class FsCrashStateEnumerator {
  private final FsCrashPoint point;
  private final SplittableRandom random;
  private final HashSet<FsImage> seen = new HashSet<>();
  private final List<FsCrashState> states = new ArrayList<>();
  private long duplicates;

  private FsCrashStateEnumerator(FsCrashPoint point, EnumerationOptions options) {
    if (options.misdirect() || options.bitRot()) {
      throw new IllegalArgumentException(
          "expected file-level options (drop, torn), got misdirect "
              + options.misdirect()
              + " and bit rot "
              + options.bitRot());
    }
    this.point = point;
    this.random = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L * point.position());
  }

  /** The distinct crash states at {@code point}. */
  public static Result enumerate(FsCrashPoint point, EnumerationOptions options) {
    FsCrashStateEnumerator e = new FsCrashStateEnumerator(point, options);
    PendingSet pendingSet = point.pendingSet();
    int n = point.pendingCount();
    boolean exhaustive = true;
    if (point.mode() == PersistenceMode.IN_ORDER) {
      // The shorter prefixes are the full ones of earlier crash points: one state here.
      boolean[] all = new boolean[n];
      Arrays.fill(all, true);
      e.offer(point.stateOf(all).build());
    } else {
      exhaustive =
          SurvivorSubsets.enumerate(
              n,
              options,
              e.random,
              survive -> e.offer(point.stateOf(pendingSet.normalize(survive)).build()));
    }
    if (options.torn()) {
      e.sampleTears(options);
    }
    return new Result(point.position(), n, exhaustive, e.duplicates, List.copyOf(e.states));
  }

  private void sampleTears(EnumerationOptions options) {
    int[] pending = point.pending();
    int made = 0;
    boolean prefixes = options.drop() || point.mode() == PersistenceMode.IN_ORDER;
    for (int k = pending.length - 1; k >= 0 && made < options.faultSamples(); k--) {
      boolean[] survive = new boolean[pending.length];
      Arrays.fill(survive, 0, prefixes ? k + 1 : pending.length, true);
      if (!point.pendingSet().mayTear(pending[k], survive)) {
        continue;
      }
      int sectors = FsCrashState.sectorsOf((FileOp.Write) point.op(pending[k]));
      offer(point.stateOf(survive).tear(pending[k], partialMask(sectors)).build());
      made++;
    }
  }

  // A mask of sectors bits, neither empty nor full: each sector lands with probability 1/2.
  private BigInteger partialMask(int sectors) {
    BigInteger full = BigInteger.ONE.shiftLeft(sectors).subtract(BigInteger.ONE);
    BigInteger mask = BigInteger.ZERO;
    for (int s = 0; s < sectors; s++) {
      if (random.nextBoolean()) {
        mask = mask.setBit(s);
      }
    }
    if (mask.signum() == 0) {
      mask = mask.setBit(random.nextInt(sectors));
    } else if (mask.equals(full)) {
      mask = mask.clearBit(random.nextInt(sectors));
    }
    return mask;
  }

  private void offer(FsCrashState state) {
    if (seen.add(point.image(state))) {
      states.add(state);
    } else {
      duplicates++;
    }
  }

  /**
   * What {@link #enumerate} found.
   *
   * @param position the crash position
   * @param pendingOperations how many operations a power loss there may drop
   * @param exhaustive whether every survivor set was considered (tears are sampled)
   * @param duplicatesSkipped candidate states skipped because an earlier one had the same image
   * @param states the distinct states, in a deterministic order
   */
  public record Result(
      int position,
      int pendingOperations,
      boolean exhaustive,
      long duplicatesSkipped,
      List<FsCrashState> states) {}
}
