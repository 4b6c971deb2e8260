package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.junit.PropertyTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThinOpCodecTest {
  private final ThinOpCodec codec = new ThinOpCodec();

  @PropertyTest(seeds = 20)
  void everyGeneratedOperationRoundTrips(long seed) {
    List<ThinOp> ops = new ThinWorkloads(8, 100, 1024).generate(seed, 200);
    for (ThinOp op : ops) {
      assertEquals(op, codec.parse(codec.format(op)));
    }
  }

  @Test
  void badLinesNameTheProblem() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> codec.parse("frobnicate 1"))
            .getMessage()
            .contains("unknown dm-thin operation 'frobnicate'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> codec.parse("write 1"))
            .getMessage()
            .contains("takes 2 arguments, got 1"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> codec.parse("delete -3"))
            .getMessage()
            .contains("non-negative number"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> codec.parse("commit now"))
            .getMessage()
            .contains("takes no arguments"));
  }

  @Test
  void theVocabularyCoversEveryKindOfTransactionStep() {
    List<ThinOp> v = ThinWorkloads.vocabulary();
    assertTrue(v.stream().anyMatch(o -> o instanceof ThinOp.CreateSnap));
    assertTrue(v.stream().anyMatch(o -> o instanceof ThinOp.Abort));
    assertTrue(v.stream().anyMatch(o -> o instanceof ThinOp.ReserveSnap));
    assertEquals(v.size(), v.stream().distinct().count());
  }
}
