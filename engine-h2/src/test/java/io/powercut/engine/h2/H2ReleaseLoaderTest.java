package io.powercut.engine.h2;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class H2ReleaseLoaderTest {
  @Test
  void anAbsentReleaseNamesItsJarAndHowToFetchIt() {
    H2ReleaseUnavailableException e =
        assertThrows(
            H2ReleaseUnavailableException.class,
            () -> H2ReleaseLoader.load("0.0.0-none", "io.powercut.engine.h2.none.Driver"));
    assertTrue(e.getMessage().contains("h2-0.0.0-none.jar"), e.getMessage());
    assertTrue(
        e.getMessage().contains("mvn dependency:get -Dartifact=com.h2database:h2:0.0.0-none"),
        e.getMessage());
  }

  @Test
  void aPresentReleaseWithoutItsDriverIsRefusedNamingTheDriver() {
    H2ReleaseUnavailableException e =
        assertThrows(
            H2ReleaseUnavailableException.class,
            () -> H2ReleaseLoader.load("2.5.252", "io.powercut.engine.h2.none.Driver"));
    assertTrue(e.getMessage().contains("io.powercut.engine.h2.none.Driver"), e.getMessage());
  }
}
