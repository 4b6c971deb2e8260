package io.powercut.property.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.Seeds;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedPlanTest {

  private static SeedPlan plan(Map<String, String> settings) {
    return SeedPlan.resolve(10, 1234, settings::get);
  }

  @Test
  void defaultsDeriveFromTheBase() {
    SeedPlan plan = plan(Map.of());
    assertEquals(10, plan.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(Seeds.derive(1234, i), plan.seed(i));
    }
  }

  @Test
  void powercutSeedRunsThatSeedOnlyWhateverElseIsSet() {
    SeedPlan plan =
        plan(Map.of(SeedPlan.SEED, "0x2a", SeedPlan.SEEDS, "50", SeedPlan.BASE_SEED, "3"));
    assertEquals(1, plan.size());
    assertEquals(42, plan.seed(0));
  }

  @Test
  void countAndBaseCanBeOverridden() {
    SeedPlan plan = plan(Map.of(SeedPlan.SEEDS, " 3 ", SeedPlan.BASE_SEED, "-7"));
    assertEquals(3, plan.size());
    assertEquals(Seeds.derive(-7, 2), plan.seed(2));
  }

  @Test
  void blankSettingsAreAbsent() {
    SeedPlan plan = plan(Map.of(SeedPlan.SEED, "", SeedPlan.SEEDS, " ", SeedPlan.BASE_SEED, ""));
    assertEquals(10, plan.size());
    assertEquals(Seeds.derive(1234, 0), plan.seed(0));
  }

  @Test
  void badSettingsNameTheSetting() {
    assertMessage(Map.of(SeedPlan.SEED, "zz"), "powercut.seed: not a seed: 'zz'");
    assertMessage(Map.of(SeedPlan.BASE_SEED, "0x"), "powercut.baseSeed: not a seed: '0x'");
    assertMessage(
        Map.of(SeedPlan.SEEDS, "many"), "powercut.seeds must be a positive integer, got 'many'");
    assertMessage(Map.of(SeedPlan.SEEDS, "0"), "powercut.seeds must be at least 1, got 0");
  }

  private static void assertMessage(Map<String, String> settings, String prefix) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(settings));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
