package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.ForwardingBlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A check that carries its data references over from the check before reports exactly what a check
 * from scratch reports: on the commits of a seeded workload one after another, on damaged copies of
 * them between (leaves that change under the same block, problems in leaves), across resizes of the
 * data device and after a check that a read error broke off.
 */
class DataRefMemoTest {
  @PropertyTest(seeds = 40)
  void aMemoChangesNoReport(long seed) throws IOException {
    // Small caps make the memo drop leaves it keeps and give up on pools of more leaves.
    int cap = seed % 3 == 0 ? 3 : seed % 3 == 1 ? 12 : DataRefMemo.MAX_LEAVES;
    DataRefMemo memo = new DataRefMemo(cap);
    SplittableRandom rng = new SplittableRandom(seed);
    int[] checks = {0};
    PoolWorkload w = new PoolWorkload(seed, Bugs.NONE);
    w.run(
        300,
        (step, device) -> {
          assertSame(device, memo, "step " + step);
          checks[0]++;
          if (rng.nextInt(3) == 0) {
            MemoryBlockDevice damaged = device.copy();
            RandomDamage.apply(rng, new ImageEditor(damaged), rng.nextInt(1, 4));
            assertSame(damaged, memo, "step " + step + ", damaged");
          }
          if (rng.nextInt(6) == 0) {
            FailingRead counting = new FailingRead(device, Long.MAX_VALUE);
            MetadataChecker.check(counting, CheckOptions.DEFAULT);
            long failAt = rng.nextLong(1, counting.reads + 1);
            IOException e =
                assertThrows(
                    IOException.class,
                    () ->
                        MetadataChecker.check(
                            new FailingRead(device, failAt), CheckOptions.DEFAULT, memo),
                    "step " + step + ": a read error must end the check");
            assertEquals("read " + failAt + " fails", e.getMessage());
          }
        });
    assertSame(w.device(), memo, "end");
    assertTrue(
        checks[0] == 0 || cap < DataRefMemo.MAX_LEAVES || memo.leavesReused() > 0,
        "the memo was never used");
  }

  @Test
  void aMemoUsedOnAnotherThreadIsLeftAlone() throws Exception {
    PoolWorkload w = new PoolWorkload(7, Bugs.NONE);
    w.run(200, null);
    DataRefMemo memo = new DataRefMemo();
    assertSame(w.device(), memo, "owner");
    long reused = memo.leavesReused();
    Thread other =
        new Thread(
            () -> {
              try {
                assertSame(w.device(), memo, "other thread");
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    other.start();
    other.join();
    assertEquals(reused, memo.leavesReused(), "the other thread's check used the memo");
    assertSame(w.device(), memo, "owner again");
    assertTrue(memo.leavesReused() > reused, "the owner's check did not reuse its leaves");
  }

  private static void assertSame(BlockDevice image, DataRefMemo memo, String when)
      throws IOException {
    for (CheckOptions options :
        new CheckOptions[] {CheckOptions.DEFAULT, new CheckOptions(true, false, false)}) {
      String scratch = MetadataChecker.check(image, options).toString();
      String memoized = MetadataChecker.check(image, options, memo).toString();
      assertEquals(scratch, memoized, when + ", " + options);
    }
  }

  /** An image whose {@code n}th read fails. */
  private static final class FailingRead extends ForwardingBlockDevice {
    private final long n;
    long reads;

    FailingRead(BlockDevice image, long n) {
      super(image);
      this.n = n;
    }

    @Override
    public void read(long block, byte[] dst) throws IOException {
      if (++reads == n) {
        throw new IOException("read " + n + " fails");
      }
      super.read(block, dst);
    }
  }
}
