package io.powercut.engine.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.EnumerationOptions;
import io.powercut.fs.PersistenceMode;
import io.powercut.property.junit.Seeded;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Power cuts at every crash position of seeded workloads, on fault-fs directly: no state a power
 * loss may leave recovers anything but a commit the model allows there, apart from the known
 * finding under POSIX.
 */
class LuceneCrashLoopTest {
  private static final int LENGTH = 9;

  @Seeded
  @Test
  void orderedCrashesRecoverACommit(long seed) throws IOException {
    assertEquals(
        0, loop(seed, 2, PersistenceMode.ORDERED, EnumerationOptions.seeded(seed).withSamples(8)));
  }

  @Seeded
  @Test
  void posixCrashesRecoverACommit(long seed) throws IOException {
    // The known finding (docs/findings/lucene-stale-commit.md, pinned in StaleCommitFindingTest)
    // is counted apart: it is all POSIX adds.
    loop(
        seed,
        1,
        PersistenceMode.POSIX,
        EnumerationOptions.seeded(seed).withBound(4).withSamples(8));
  }

  // Runs the loop on seeded workloads, asserts no violation, returns the stale commits found.
  private static long loop(
      long seed, int workloads, PersistenceMode mode, EnumerationOptions options)
      throws IOException {
    long states = 0;
    long stale = 0;
    long started = System.nanoTime();
    for (int w = 0; w < workloads; w++) {
      List<LuceneOp> ops = new LuceneWorkloads(3).generate(seed + w, LENGTH);
      CrashLoop.Result r = CrashLoop.run(WorkloadRun.of(ops), mode, options);
      assertEquals(List.of(), r.violations().stream().limit(5).toList(), mode + " on " + ops);
      states += r.states();
      stale += r.staleCommits();
    }
    System.out.printf(
        "%s: %d states, %d stale commits, in %d ms%n",
        mode, states, stale, (System.nanoTime() - started) / 1_000_000);
    assertTrue(states > 100, "states: " + states);
    return stale;
  }
}
