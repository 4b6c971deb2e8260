package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinimizerTest {
  private final Corpus corpus = TestCorpus.get();

  /** Fails, with one signature, exactly when block 5 of the image holds only zeros. */
  private static final class ZeroBlockFive implements Judge {
    int calls;

    @Override
    public ImageVerdict judge(Image image) {
      calls++;
      boolean fails = image.size() > 5 && image.isZero(5);
      return new ImageVerdict(
          true,
          "",
          fails ? Failure.of(Failure.Kind.UNEXPECTED_THROWABLE, Step.WALK, "block 5") : null);
    }

    @Override
    public void close() {}
  }

  @Test
  void shrinksToTheOneMutationThatMatters() {
    List<Mutation> ms =
        List.of(
            new Mutation.FlipBit(3, 9),
            new Mutation.SetKey(40, 0, 1),
            new Mutation.ZeroBlock(5),
            new Mutation.FillBytes(9, 10, 4, 0xff),
            new Mutation.SwapBlocks(7, 8));
    Case c = new Case(4, 99, 0, ms);
    assertFalse(corpus.image(c.with(List.of())).isZero(5), "the seed's block 5 is in use");
    ZeroBlockFive judge = new ZeroBlockFive();
    Failure f = judge.judge(corpus.image(c)).failure();
    Case small = Minimizer.minimize(corpus, judge, c, f);
    assertEquals(List.of(new Mutation.ZeroBlock(5)), small.mutations());
    assertEquals(4, small.index());
  }
}
