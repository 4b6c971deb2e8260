package io.powercut.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ExploreOptionsTest {
  @Test
  void faultClassesSwitchTheirDamageOnAndNothingElse() {
    ExploreOptions plain = ExploreOptions.of(1, 10).withFaults(EnumSet.of(FaultClass.DROP));
    assertFalse(plain.search().enumeration().torn());
    assertFalse(plain.search().enumeration().misdirect());
    assertFalse(plain.search().enumeration().bitRot());
    assertEquals(0, plain.ioErrorVariants());

    ExploreOptions torn = ExploreOptions.of(1, 10).withFaults(EnumSet.of(FaultClass.TORN));
    assertTrue(torn.search().enumeration().torn());
    assertFalse(torn.search().enumeration().bitRot());
    assertEquals(0, torn.ioErrorVariants());

    ExploreOptions all = ExploreOptions.of(1, 10).withFaults(EnumSet.allOf(FaultClass.class));
    assertTrue(all.search().enumeration().misdirect());
    assertTrue(all.search().enumeration().bitRot());
    assertEquals(ExploreOptions.IO_ERROR_VARIANTS, all.ioErrorVariants());
    assertEquals(10, all.workloadLimit().getAsLong(), "the other options stay");
  }
}
