package io.powercut.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.EnumerationOptions;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FsCrashStateTest {
  /** Any state the builder accepts prints as a token that parses back to an equal state. */
  @PropertyTest(seeds = 300)
  void tokensRoundTrip(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int position = 1 + r.nextInt(Integer.MAX_VALUE - 1);
    FsCrashState.Builder b = FsCrashState.at(position);
    int last = -1;
    for (int i = r.nextInt(6); i > 0; i--) {
      int lo = r.nextInt(position);
      int hi = lo + r.nextInt(Math.min(position - lo, 1000));
      b.survive(lo, hi);
      last = hi;
    }
    if (last >= 0 && r.nextBoolean()) {
      b.tear(last, new BigInteger(1 + r.nextInt(300), new Random(seed)).setBit(0));
    }
    FsCrashState state = b.build();
    assertEquals(state, FsCrashState.parse(state.toToken()), state.toToken());
  }

  /** Every enumerated state of random work replays from its token to the same image. */
  @PropertyTest(seeds = 30)
  void enumeratedStatesReplayFromTheirTokens(long seed) throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    RandomWorkload.run(fs, new SplittableRandom(seed), 25);
    EnumerationOptions options = EnumerationOptions.seeded(seed).withBound(5).withTorn(true);
    for (PersistenceMode mode : PersistenceMode.values()) {
      FsCrashPoint point = fs.crashPoint(mode);
      for (FsCrashState s : FsCrashStateEnumerator.enumerate(point, options).states()) {
        FsCrashState parsed = FsCrashState.parse(s.toToken());
        assertEquals(s, parsed);
        assertEquals(point.image(s), point.materialize(parsed).snapshot(), s.toToken());
      }
    }
  }

  @Test
  void tokensAreShort() {
    FsCrashState s =
        FsCrashState.at(42)
            .survive(3)
            .survive(7, 18)
            .survive(19)
            .tear(19, BigInteger.valueOf(5))
            .build();
    assertEquals("p42:s3,7-19:t19=5", s.toToken());
    assertEquals("p42", FsCrashState.at(42).build().toToken());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "x5|expected 'p'",
        "p|expected a decimal number",
        "p5:|expected a section s or t",
        "p5:q1|expected a section s or t",
        "p5:t1=3:s1|expected a section s or t",
        "p5:s|expected a decimal number",
        "p5:s1-|expected a decimal number",
        "p5:s1;|expected ':'",
        "p99999999999|expected a decimal number of 1 to 10 digits",
        "p9999999999|expected a number at most",
        "p5:s1:t1|expected '='",
        "p5:s1:t1=0|expected a hexadecimal mask without leading zeros",
        "p5:s1:t1=|expected a hexadecimal mask",
        "p5:s7|expected an ascending survivor range within [0, 5)",
        "p5:s3-1|expected an ascending survivor range",
        "p5:s1:t2=1|expected torn write 2 among the survivors",
        "p5:s1:t1=1,1=1|expected write 1 torn once",
      })
  void badTokensSayWhatWasExpected(String token, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FsCrashState.parse(token));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aStateMustFitItsPoint() throws IOException {
    CrashFileSystem fs = CrashFileSystem.create();
    Files.write(fs.getPath("/work/f"), new byte[600]); // 0 create, 1 write
    Crashes.force(fs, "/work/f", true); // 2
    FsCrashPoint point = fs.crashPoint(PersistenceMode.POSIX);
    assertRefused(point, "p2", "expected a state at position 3");
    assertRefused(point, "p3:s1", "expected a pending operation at 3 in POSIX");
    assertRefused(point, "p3:s2", "expected a pending operation");
    assertRefused(point, "p3:s0:t0=1", "expected a tear of a surviving pending write");
    CrashFileSystem unforced = CrashFileSystem.create();
    Files.write(unforced.getPath("/work/f"), new byte[600]);
    FsCrashPoint p = unforced.crashPoint(PersistenceMode.POSIX);
    assertRefused(p, "p2:s0-1:t1=3", "expected a partial mask of 2 sectors");
    assertRefused(p, "p2:s0-1:t1=4", "expected a partial mask of 2 sectors");
    assertEquals(
        599 + 1, p.image(FsCrashState.parse("p2:s0-1:t1=2")).read("/work/f").orElseThrow().length);
  }

  private static void assertRefused(FsCrashPoint point, String token, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> point.image(FsCrashState.parse(token)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
