package io.powercut.property.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class RequiresExecutablesTest {
  /** Runs only through the test kit below. */
  static class Subject {
    @Test
    @RequiresExecutables("sh")
    void present() {}

    @Test
    @RequiresExecutables(
        value = "no-such-program-powercut",
        install = "apt-get install nothing",
        requiredBy = "POWERCUT_TEST_NEVER_SET")
    void absent() {}

    @Test
    @RequiresExecutables(value = "no-such-program-powercut", requiredBy = "PATH")
    void absentButRequired() {}
  }

  @Test
  void skipsVisiblyOrFailsWhenRequired() {
    Events events =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(Subject.class))
            .execute()
            .testEvents();
    assertEquals(1, events.succeeded().count(), "the test whose program exists runs");
    assertEquals(1, events.skipped().count(), "a missing program skips");
    String reason = events.skipped().list().get(0).getPayload(String.class).orElseThrow();
    assertTrue(reason.contains("no-such-program-powercut"), reason);
    assertTrue(reason.contains("apt-get install nothing"), reason);
    // PATH is always set, so the third test must fail rather than skip.
    assertEquals(1, events.failed().count(), "a missing required program fails");
  }
}
