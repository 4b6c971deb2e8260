package io.powercut.engine.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.junit.Seeded;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LuceneOpCodecTest {
  private static final LuceneOpCodec CODEC = LuceneOpCodec.INSTANCE;

  @Seeded
  @Test
  void everyWorkloadOperationRoundTrips(long seed) {
    List<LuceneOp> ops = new LuceneWorkloads(5).generate(seed, 500);
    for (LuceneOp op : ops) {
      assertEquals(op, CODEC.parse(CODEC.format(op)));
    }
    Set<LuceneOpKind> kinds = ops.stream().map(LuceneOp::kind).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(LuceneOpKind.class), kinds, "every kind in 500 operations");
    assertEquals(ops, new LuceneWorkloads(5).generate(seed, 500), "same seed, same workload");
  }

  @Test
  void theVocabularyHasEveryKind() {
    assertEquals(
        EnumSet.allOf(LuceneOpKind.class),
        LuceneWorkloads.vocabulary().stream().map(LuceneOp::kind).collect(Collectors.toSet()));
  }

  @Test
  void linesReadAsTheyAreWritten() {
    assertEquals(new LuceneOp.Update(3, 42), CODEC.parse("  update 3   42 "));
    assertEquals("delete 7", CODEC.format(new LuceneOp.Delete(7)));
    assertEquals("merge", CODEC.format(new LuceneOp.Merge()));
  }

  @Test
  void badLinesAreRefusedNamingTheProblem() {
    assertTrue(message("add 1").contains("expected 2 numbers"));
    assertTrue(message("commit now").contains("expected 0 numbers"));
    assertTrue(message("delete x").contains("expected a number, got 'x'"));
    assertTrue(message("optimize").contains("expected add, update"));
    assertThrows(IllegalArgumentException.class, () -> new LuceneWorkloads(0));
  }

  @Test
  void theSpecNamesThisLucene() {
    LuceneSubject s = new LuceneSubject();
    assertEquals("lucene version=9.12.3", s.spec());
    assertEquals(s.spec(), LuceneSubject.fromSpec("lucene").spec());
    assertEquals(s.spec(), LuceneSubject.fromSpec(s.spec()).spec());
    assertThrows(
        IllegalArgumentException.class, () -> LuceneSubject.fromSpec("lucene version=9.0"));
    assertEquals(LuceneOpKind.COMMIT, s.kindOf(new LuceneOp.Commit()));
    assertEquals(List.of(LuceneOpKind.values()), s.operationKinds());
  }

  private static String message(String line) {
    return assertThrows(IllegalArgumentException.class, () -> CODEC.parse(line)).getMessage();
  }
}
