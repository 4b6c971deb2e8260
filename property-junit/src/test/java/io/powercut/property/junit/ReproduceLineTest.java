package io.powercut.property.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproduceLineTest {

  @Test
  void hasTheFixedShape() {
    assertEquals(
        "REPRODUCE: mvn -pl fault-device test -Dtest=TornWriteTest#survives"
            + " -Dpowercut.seed=0xffffffffffffffd6",
        ReproduceLine.of("fault-device", "TornWriteTest", "survives", -42));
  }

  @Test
  void quotesTheFilterOfANestedClassAgainstShellExpansion() {
    assertEquals(
        "REPRODUCE: mvn -pl cli test -Dtest='CliTest$Explore#exits' -Dpowercut.seed=0x1",
        ReproduceLine.of("cli", "CliTest$Explore", "exits", 1));
    TestLocation nested = new TestLocation(Map.Entry.class, "getKey");
    assertEquals("Map$Entry", nested.className());
    assertEquals("Map$Entry#getKey", nested.name());
    assertEquals("ReproduceLineTest", new TestLocation(ReproduceLineTest.class, "x").className());
  }

  @Test
  void moduleComesFromTheSettingElseTheWorkingDirectory() {
    assertEquals("cli", ReproduceLine.module(Map.of(ReproduceLine.MODULE, "cli")::get));
    String directory = Path.of("").toAbsolutePath().getFileName().toString();
    assertEquals(directory, ReproduceLine.module(Map.of(ReproduceLine.MODULE, " ")::get));
    assertEquals(directory, ReproduceLine.module(name -> null));
  }

  @Test
  void attachAddsTheLineAsASuppressedHintAndKeepsTheFailure() {
    AssertionError failure = new AssertionError("expected 1");
    assertSame(failure, ReproduceLine.attach(failure, "REPRODUCE: x"));
    Throwable hint = failure.getSuppressed()[0];
    assertInstanceOf(ReproduceLine.ReproduceHint.class, hint);
    assertEquals("REPRODUCE: x", hint.getMessage());
    assertEquals(0, hint.getStackTrace().length, "the hint is a label, not a second failure");
  }

  @Test
  void attachWrapsAFailureThatRefusesSuppressedExceptions() {
    Throwable sealed = new Throwable("sealed", null, false, true) {};
    Throwable attached = ReproduceLine.attach(sealed, "REPRODUCE: y");
    assertInstanceOf(AssertionError.class, attached);
    assertEquals("REPRODUCE: y", attached.getMessage());
    assertSame(sealed, attached.getCause());
  }
}
