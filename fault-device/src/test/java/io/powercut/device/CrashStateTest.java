package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.junit.PropertyTest;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrashStateTest {
  @Test
  void theDocumentedExamplesParse() {
    CrashState none = CrashState.parse("p42");
    assertEquals(42, none.position());
    assertFalse(none.hasSurvivors());
    assertFalse(none.hasFaults());

    CrashState torn = CrashState.parse("p42:s3,7-19:t19=f");
    assertArrayEquals(new int[] {3, 3, 7, 19}, torn.survivorRanges());
    assertEquals(Map.of(19, 0xfL), torn.tears());
    assertTrue(torn.hasFaults());

    CrashState moved = CrashState.parse("p42:s19:m19=5:r5=0+4095");
    assertEquals(Map.of(19, 5L), moved.misdirects());
    assertEquals(Map.of(5L, List.of(0, 4095)), moved.bitRot());
  }

  @Test
  void theBuilderCanonicalizes() {
    CrashState a =
        CrashState.at(100)
            .survive(9, 12)
            .survive(3)
            .survive(4)
            .survive(11, 20)
            .survive(40)
            .rot(7, 9)
            .rot(7, 1)
            .rot(2, 0)
            .tear(40, 0x3)
            .misdirect(3, 9)
            .build();
    assertEquals("p100:s3-4,9-20,40:t40=3:m3=9:r2=0,7=1+9", a.toToken());
    assertEquals(a, CrashState.parse(a.toToken()));
    assertEquals(a.hashCode(), CrashState.parse(a.toToken()).hashCode());
    assertEquals(a.toToken(), a.toString());
    // Non-canonical spellings mean the same state.
    assertEquals(a, CrashState.parse("p100:s40,3,4,9-12,11-20:t40=3:m3=9:r7=9+1,2=0"));
  }

  @Test
  void coversFollowsTheRanges() {
    CrashState s = CrashState.at(50).survive(3).survive(10, 20).build();
    for (int i = 0; i < 50; i++) {
      assertEquals(i == 3 || (i >= 10 && i <= 20), s.covers(i), "index " + i);
    }
    assertFalse(CrashState.at(5).build().covers(0));
  }

  @Test
  void statesDifferInEachPart() {
    CrashState base = CrashState.at(10).survive(1).build();
    assertNotEquals(base, CrashState.at(11).survive(1).build());
    assertNotEquals(base, CrashState.at(10).survive(2).build());
    assertNotEquals(base, CrashState.at(10).survive(1).tear(1, 1).build());
    assertNotEquals(base, CrashState.at(10).survive(1).misdirect(1, 0).build());
    assertNotEquals(base, CrashState.at(10).survive(1).rot(0, 0).build());
    assertNotEquals(base, "p10:s1");
  }

  @Test
  void theBuilderRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(-1));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).survive(5));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).survive(-1));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).survive(3, 2));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).tear(1, 0));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).tear(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).tear(1, 1).tear(1, 2));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).misdirect(1, -1));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).rot(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).rot(0, -1));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).rot(0, 1).rot(0, 1));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> CrashState.at(5).survive(1).tear(2, 1).build());
    assertEquals("write 2 is torn but not among the survivors", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(5).misdirect(2, 0).build());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "q1",
        "p",
        "p-1",
        "p+1",
        "p1:",
        "p1:x3",
        "p1:s",
        "p9:s1,",
        "p9:s1-",
        "p9:s3-1",
        "p9:s1:s2",
        "p9:t1=1:s1",
        "p9:s1:t1",
        "p9:s1:t1=",
        "p9:s1:t1=0",
        "p9:s1:t1=F",
        "p9:s1:t1=12345678901234567",
        "p9:s1:m1",
        "p9:s1:m1=x",
        "p9:r1",
        "p9:r1=",
        "p9:r1=2+",
        "p9:r1=2+2",
        "p9 ",
        "p2147483648",
        "p12345678901234567890",
        "p9:s1:m1=9223372036854775808",
        "p9:r12345678901234567890=0",
        "p9:s1:t2=1",
      })
  void parseRejectsMalformedTokens(String token) {
    var e = assertThrows(IllegalArgumentException.class, () -> CrashState.parse(token));
    assertFalse(e.getMessage().isEmpty());
  }

  @Test
  void parseErrorsSayWhereAndWhat() {
    var e = assertThrows(IllegalArgumentException.class, () -> CrashState.parse("p9:s1;2"));
    assertEquals("bad crash state token 'p9:s1;2' at character 5: expected ':'", e.getMessage());
    String longToken = "p9:s" + "1,".repeat(100) + "x";
    e = assertThrows(IllegalArgumentException.class, () -> CrashState.parse(longToken));
    assertTrue(e.getMessage().contains("..."), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CrashState.parse(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> CrashState.parse("p" + "0".repeat(CrashState.MAX_TOKEN_LENGTH)));
  }

  @Test
  void masksUseAllSixtyFourBits() {
    CrashState s = CrashState.at(2).survive(1).tear(1, -1L).build();
    assertEquals("p2:s1:t1=ffffffffffffffff", s.toToken());
    assertEquals(s, CrashState.parse(s.toToken()));
  }

  /** Any state the builder accepts prints as a token that parses back to an equal state. */
  @PropertyTest(seeds = 300)
  void tokensRoundTrip(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int position = 1 + r.nextInt(Integer.MAX_VALUE - 1);
    CrashState.Builder b = CrashState.at(position);
    int ranges = r.nextInt(6);
    int lastSurvivor = -1;
    for (int i = 0; i < ranges; i++) {
      int lo = r.nextInt(position);
      int hi = lo + r.nextInt(Math.min(position - lo, 1000));
      b.survive(lo, hi);
      lastSurvivor = hi;
    }
    if (lastSurvivor >= 0) {
      if (r.nextBoolean()) {
        b.tear(lastSurvivor, 1 + r.nextLong(Long.MAX_VALUE));
      } else {
        b.misdirect(lastSurvivor, r.nextLong(Long.MAX_VALUE));
      }
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.rot(r.nextLong(1L << 50), i * 1000 + r.nextInt(1000));
    }
    CrashState state = b.build();
    String token = state.toToken();
    assertEquals(state, CrashState.parse(token), token);
    assertEquals(token, CrashState.parse(token).toToken());
    assertTrue(token.chars().noneMatch(c -> "<>|&;()$`\\\"' *?[]#~!{}".indexOf(c) >= 0), token);
  }

  /**
   * The enumerator's shortcut builds the same state as the builder, with each write its own range.
   */
  @PropertyTest(seeds = 300)
  void survivorsMatchTheBuilder(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = r.nextInt(20);
    int[] unflushed = new int[n];
    int next = 0;
    for (int i = 0; i < n; i++) {
      next += 1 + r.nextInt(3);
      unflushed[i] = next;
    }
    int position = next + 1 + r.nextInt(3);
    boolean[] survive = new boolean[n];
    CrashState.Builder b = CrashState.at(position);
    for (int i = 0; i < n; i++) {
      survive[i] = r.nextBoolean();
    }
    for (int i = 0; i < n; i++) {
      int j = i;
      while (survive[i] && j + 1 < n && survive[j + 1]) {
        j++;
      }
      if (survive[i]) {
        b.survive(unflushed[i], unflushed[j]);
      }
      i = j;
    }
    CrashState expected = b.build();
    CrashState fast = CrashState.survivors(position, unflushed, survive);
    assertEquals(expected, fast);
    assertEquals(expected.hashCode(), fast.hashCode());
    assertEquals(expected.toToken(), fast.toToken());
    for (int w = 0; w < position; w++) {
      assertEquals(expected.covers(w), fast.covers(w), "write " + w);
    }
  }
}
