package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.thin.PoolState;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import io.powercut.device.CrashImage;
import io.powercut.device.CrashState;
import io.powercut.device.CrashStateEnumerator;
import io.powercut.device.EnumerationOptions;
import io.powercut.device.GroupCrashPoint;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.PdataBug;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.util.List;

/**
 * A subject recovers crash state after crash state with what it kept from the one before (its
 * check's data reference counts): each of its recoveries must equal that of a fresh subject, which
 * keeps nothing, on every state of every crash point and every fault class, with the correct engine
 * and with one that breaks the counts.
 */
class RecoveryMemoSoundnessTest {
  private static final long DATA_BLOCKS = 4096;

  @PropertyTest(seeds = 6)
  void recoveriesInARowEqualFreshOnes(long seed) throws IOException {
    compare(Bugs.NONE, seed);
  }

  @PropertyTest(seeds = 3)
  void alsoOnAnEngineThatMiscountsSharedBlocks(long seed) throws IOException {
    compare(Bugs.of(PdataBug.NO_INC_CHILDREN), seed);
  }

  private static void compare(Bugs bugs, long seed) throws IOException {
    ThinSubject subject = subject(bugs);
    int states = 0;
    for (int w = 0; w < 3; w++) {
      List<ThinOp> ops =
          new ThinWorkloads(4, 4096, DATA_BLOCKS).withBulk(25).generate(seed * 3 + w, 16);
      states += compare(subject, Trace.run(subject, ops, IoErrorPlan.NONE), bugs, seed);
    }
    assertTrue(states > 100, "only " + states + " crash states");
  }

  /** Compares the recoveries of every crash state of one workload; returns how many. */
  private static int compare(
      ThinSubject subject, Trace<ThinOp, PoolState> trace, Bugs bugs, long seed)
      throws IOException {
    EnumerationOptions every =
        EnumerationOptions.seeded(seed)
            .withBound(6)
            .withSamples(16)
            .withTorn(true)
            .withMisdirect(true)
            .withBitRot(true);
    int states = 0;
    for (int p : CrashSearch.crashPositions(trace.log())) {
      GroupCrashPoint point = trace.group().crashPoint(p);
      for (CrashState st : CrashStateEnumerator.enumerate(point, every).states()) {
        List<CrashImage> images = point.images(st);
        Recovery<PoolState> kept = subject.recover(images);
        Recovery<PoolState> fresh = subject(bugs).recover(images);
        assertEquals(
            fresh, kept, "seed " + seed + ", " + bugs + ", state " + st + ", ops " + trace.ops());
        states++;
      }
    }
    return states;
  }

  private static ThinSubject subject(Bugs bugs) {
    return new ThinSubject(1024, DATA_BLOCKS, bugs).withInitialMappings(600);
  }
}
