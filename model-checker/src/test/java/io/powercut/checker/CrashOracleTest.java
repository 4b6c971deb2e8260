package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The oracle's rules, on a subject whose recovery is scripted: what a plain power loss must give,
 * what injected damage may give instead, and what is never allowed.
 */
class CrashOracleTest {
  private static final BlockDevice IMAGE = new MemoryBlockDevice(1);

  /** A subject whose recovery returns (or throws) whatever the test set. */
  private static final class Scripted implements Subject<String, String> {
    Recovery<String> recovery;
    Exception thrown;

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public BlockDevice initialImage() {
      return new MemoryBlockDevice(1);
    }

    @Override
    public Engine<String> start(BlockDevice device) {
      throw new UnsupportedOperationException("the oracle never starts an engine");
    }

    @Override
    public Recovery<String> recover(BlockDevice image) throws IOException {
      if (thrown instanceof IOException e) {
        throw e;
      }
      if (thrown instanceof RuntimeException e) {
        throw e;
      }
      return recovery;
    }

    @Override
    public Model<String, String> newModel() {
      return new Model<>() {
        @Override
        public String apply(String op, Outcome outcome) {
          return null;
        }

        @Override
        public String committed() {
          return "";
        }

        @Override
        public String diff(String expected, String recovered) {
          return expected.equals(recovered) ? null : "expected " + expected + ", got " + recovered;
        }
      };
    }

    @Override
    public OperationCodec<String> codec() {
      return new OperationCodec<>() {
        @Override
        public String format(String op) {
          return op;
        }

        @Override
        public String parse(String line) {
          return line;
        }
      };
    }
  }

  private static Judgement judge(Recovery<String> r, List<String> allowed, FaultClass fault) {
    Scripted s = new Scripted();
    s.recovery = r;
    return new CrashOracle<>(s).judge(IMAGE, allowed, fault);
  }

  private static Judgement judgeThrowing(Exception e) {
    Scripted s = new Scripted();
    s.thrown = e;
    return new CrashOracle<>(s).judge(IMAGE, List.of("a"), FaultClass.TORN);
  }

  @Test
  void anAllowedStateIsOkAfterAPowerLossAndMaskedAfterDamage() {
    Recovery<String> b = Recovery.recovered("b", List.of());
    assertEquals(Verdict.OK, judge(b, List.of("a", "b"), FaultClass.DROP).verdict());
    for (FaultClass f : List.of(FaultClass.TORN, FaultClass.MISDIRECT, FaultClass.BITROT)) {
      assertEquals(Verdict.MASKED, judge(b, List.of("b"), f).verdict(), f.toString());
    }
  }

  @Test
  void aWrongStateIsAViolationWhateverTheFault() {
    for (FaultClass f : FaultClass.values()) {
      Judgement one = judge(Recovery.recovered("x", List.of()), List.of("a"), f);
      assertEquals(Verdict.VIOLATION, one.verdict(), f.toString());
      assertEquals(
          "recovered state differs from the last committed state: expected a, got x",
          one.explanation());
    }
    Judgement two = judge(Recovery.recovered("x", List.of()), List.of("a", "b"), FaultClass.DROP);
    assertEquals(Verdict.VIOLATION, two.verdict());
    assertTrue(
        two.explanation().contains("neither the state before the interrupted operation (expected a")
            && two.explanation().contains("nor the state after it (expected b"),
        two.explanation());
  }

  @Test
  void aStateAnOperationCommitsPartWayIsAllowedAndNamedWhenNothingMatches() {
    List<String> during = List.of("before", "midway", "after");
    for (String s : during) {
      assertEquals(
          Verdict.OK,
          judge(Recovery.recovered(s, List.of()), during, FaultClass.DROP).verdict(),
          s);
    }
    Judgement none = judge(Recovery.recovered("x", List.of()), during, FaultClass.DROP);
    assertEquals(
        "recovered state is neither the state before the interrupted operation (expected before,"
            + " got x), nor a state it commits part-way (expected midway, got x) nor the state"
            + " after it (expected after, got x)",
        none.explanation());
  }

  @Test
  void corruptionIsAViolationAfterAPlainPowerLossAndDetectionAfterDamage() {
    Recovery<String> corrupt = Recovery.corrupt("block 3: checksum");
    Judgement plain = judge(corrupt, List.of("a"), FaultClass.DROP);
    assertEquals(Verdict.VIOLATION, plain.verdict());
    assertEquals("recovery failed: block 3: checksum", plain.explanation());
    assertEquals(Verdict.DETECTED, judge(corrupt, List.of("a"), FaultClass.BITROT).verdict());
  }

  @Test
  void structuralProblemsCountEvenWhenTheStateIsRight() {
    Recovery<String> r = Recovery.recovered("a", List.of("leak at 7", "count at 9"));
    Judgement plain = judge(r, List.of("a"), FaultClass.DROP);
    assertEquals(Verdict.VIOLATION, plain.verdict());
    assertEquals("structural check: leak at 7; count at 9", plain.explanation());
    assertEquals(Verdict.DETECTED, judge(r, List.of("a"), FaultClass.TORN).verdict());
  }

  @Test
  void anExceptionEscapingRecoveryIsAlwaysAViolation() {
    Judgement io = judgeThrowing(new IOException("read failed"));
    assertEquals(Verdict.VIOLATION, io.verdict());
    assertTrue(io.explanation().startsWith("recovery threw java.io.IOException: read failed"));
    Judgement npe = judgeThrowing(new NullPointerException("oops"));
    assertEquals(Verdict.VIOLATION, npe.verdict(), "injected damage does not excuse a crash");
  }
}
