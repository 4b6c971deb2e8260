package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.btree.BTreeNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OracleTest {
  private final ImageMap map = ImageMap.of(TestCorpus.get().seeds().get(0).image());

  private ImageVerdict judge(Mutation... ms) {
    Image image = map.image().copy();
    for (Mutation m : ms) {
      m.apply(image);
    }
    return new Oracle().judge(image);
  }

  @Test
  void aChildPointingAtItsParentIsATypedRejectionEverywhere() {
    ImageMap.Node child =
        map.nodes(Tree.MAPPING).stream().filter(n -> n.depth() > 1).findFirst().orElseThrow();
    ImageMap.Node parent = map.node(child.parent());
    byte[] d = map.image().get(parent.block());
    int slot = 0;
    while (BTreeNode.value64(d, slot) != child.block()) {
      slot++;
    }
    ImageVerdict v = judge(new Mutation.SetValue(parent.block(), slot, parent.block()));
    assertNull(v.failure(), () -> v.failure().summary());
    assertFalse(v.checkClean());
    assertTrue(v.outcome().contains("DUMP rejects"), v.outcome());
  }

  @Test
  void aTruncatedImageAndAZeroedSuperblockAreRejectedNotCrashedOn() {
    for (Mutation m : new Mutation[] {new Mutation.Truncate(1), new Mutation.ZeroBlock(0)}) {
      ImageVerdict v = judge(m);
      assertNull(v.failure(), () -> m + ": " + v.failure().summary());
      assertFalse(v.checkClean(), m::toString);
      assertTrue(v.outcome().contains("OPEN rejects"), v.outcome());
    }
  }

  @Test
  void anUnmutatedSeedReadsTheSameThroughEveryPath() {
    ImageVerdict v = judge();
    assertNull(v.failure());
    assertTrue(v.checkClean());
    assertEquals("clean | engine ok | DUMP ok | DUMP_SNAPSHOT ok", v.outcome());
  }

  @Test
  void aReaderPastItsDeadlineIsAHangWithItsStepAndStackAndTheNextImageGetsAFreshWorker() {
    SteppedJudge stuck =
        new SteppedJudge() {
          @Override
          public ImageVerdict judge(Image image) {
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new ImageVerdict(true, "late", null);
          }

          @Override
          public Step step() {
            return Step.WALK;
          }
        };
    try (Deadline d = new Deadline(Duration.ofMillis(200), () -> stuck)) {
      ImageVerdict v = d.judge(map.image());
      assertEquals(Failure.Kind.HANG, v.failure().kind());
      assertEquals("WALK", v.failure().stage());
      assertTrue(v.failure().detail().contains("Thread.sleep"), v.failure().detail());
      assertEquals(1, d.abandoned());
      assertEquals(Failure.Kind.HANG, d.judge(map.image()).failure().kind());
      assertEquals(2, d.abandoned());
    }
  }

  @Test
  void theRealOracleUnderADeadlineJudgesAsWithout() {
    try (Deadline d = new Deadline(Duration.ofSeconds(30))) {
      assertEquals(new Oracle().judge(map.image()), d.judge(map.image()));
    }
  }
}
