package io.powercut.checker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.Outcome;
import io.powercut.thin.PoolOperationException.Reason;
import org.junit.jupiter.api.Test;

class ThinRefusalTest {
  @Test
  void everyReasonOfTheEngineHasItsRefusal() {
    for (Reason r : Reason.values()) {
      assertEquals(r.name(), ThinRefusal.of(r).name());
    }
  }

  @Test
  void aRefusalMatchesByValueAndPrintsItsWord() {
    Outcome busy = Outcome.refused(ThinRefusal.of(Reason.BUSY));
    assertTrue(busy.isRefused(ThinRefusal.BUSY));
    assertFalse(busy.isRefused(ThinRefusal.NOT_OPEN));
    assertFalse(Outcome.ok().isRefused(ThinRefusal.BUSY));
    assertEquals("refused (busy)", busy.toString());
    assertEquals("no_data_space", ThinRefusal.NO_DATA_SPACE.word());
  }
}
