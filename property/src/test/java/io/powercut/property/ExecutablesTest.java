package io.powercut.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutablesTest {
  @Test
  void findsProgramsOnThePath() {
    assertTrue(Executables.find("sh").isPresent());
    assertTrue(Executables.find("no-such-program-powercut").isEmpty());
  }
}
