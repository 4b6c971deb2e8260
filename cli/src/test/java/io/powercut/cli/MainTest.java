package io.powercut.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void helpExitsZero() {
    assertEquals(Main.OK, Main.execute("--help"));
  }

  @Test
  void unknownFlagIsAUsageError() {
    assertEquals(Main.USAGE, Main.execute("--no-such-flag"));
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(Main.USAGE, Main.execute());
  }
}
