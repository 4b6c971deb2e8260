package io.powercut.device;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sets of surviving writes at one crash point, as flags over its unflushed writes (in log order),
 * and the {@link CrashState} each stands for.
 */
final class SurvivorSets {
  private final int position;
  private final int[] unflushed;
  private final SplittableRandom random;

  SurvivorSets(int position, int[] unflushed, SplittableRandom random) {
    this.position = position;
    this.unflushed = unflushed;
    this.random = random;
  }

  int size() {
    return unflushed.length;
  }

  /** The log index of unflushed write {@code i}. */
  int write(int i) {
    return unflushed[i];
  }

  boolean[] all() {
    boolean[] survive = new boolean[unflushed.length];
    Arrays.fill(survive, true);
    return survive;
  }

  /** The first {@code length} writes: the cache drained in order up to a point. */
  boolean[] prefix(int length) {
    boolean[] survive = new boolean[unflushed.length];
    Arrays.fill(survive, 0, length, true);
    return survive;
  }

  /** Each write survives with {@code probability}. */
  boolean[] random(double probability) {
    return SurvivorSubsets.random(unflushed.length, probability, random);
  }

  /** The state in which exactly the flagged writes survive, with no fault. */
  CrashState survivors(boolean[] survive) {
    return CrashState.survivors(position, unflushed, survive);
  }

  /** The state in which exactly the flagged writes survive, to add faults to. */
  CrashState.Builder state(boolean[] survive) {
    CrashState.Builder b = CrashState.at(position);
    // One range per run of consecutive unflushed writes keeps tokens short.
    for (int i = 0; i < survive.length; i++) {
      if (survive[i]) {
        int j = i;
        while (j + 1 < survive.length && survive[j + 1]) {
          j++;
        }
        b.survive(unflushed[i], unflushed[j]);
        i = j;
      }
    }
    return b;
  }
}
