package io.powercut.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class H2SubjectSpecTest {
  @Test
  void theDefaultVersionIsTheClassPathsAndSpecsRoundTrip() {
    assertEquals("2.5.252", H2Subject.fromSpec("h2").version());
    assertEquals("h2", H2Subject.fromSpec("h2 version=2.5.252").spec());
    assertEquals("h2 retention=0", H2Subject.fromSpec("h2 retention=0 version=2.5.252").spec());
    assertEquals(0, H2Subject.fromSpec("h2 version=2.5.252 retention=0").retentionMs());
  }

  @Test
  void anUnsupportedVersionIsRefusedNamingTheSupportedOnes() {
    assertEquals(
        java.util.List.of("1.4.197", "1.4.199", "1.4.200", "2.5.252"),
        H2Subject.SUPPORTED_VERSIONS);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> H2Subject.fromSpec("h2 version=1.4.198"));
    assertTrue(e.getMessage().contains("1.4.198"), e.getMessage());
    assertTrue(e.getMessage().contains("2.5.252"), e.getMessage());
  }

  @Test
  void anOldReleaseWithoutItsDriverModuleIsUnavailable() {
    assertThrows(
        H2ReleaseUnavailableException.class, () -> H2Subject.fromSpec("h2 version=1.4.199"));
  }

  @Test
  void malformedSpecsAreRefused() {
    for (String bad :
        new String[] {
          "h2 version=2.5.252 version=2.5.252",
          "h2 retention=1 retention=2",
          "h2 retention=x",
          "h2 colour=red",
          "h3",
          "h2 version=2.5.252 retention=0 extra=1"
        }) {
      assertThrows(IllegalArgumentException.class, () -> H2Subject.fromSpec(bad), bad);
    }
  }
}
