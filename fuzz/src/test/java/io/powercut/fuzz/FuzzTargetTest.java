package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FuzzTargetTest {
  @Test
  void eachTargetIsNamedByTheWordTheCommandLineTakes() {
    assertEquals("engine", FuzzTarget.ENGINE.id());
    assertEquals("thin-tools", FuzzTarget.THIN_TOOLS.id());
    for (FuzzTarget t : FuzzTarget.values()) {
      assertEquals(t, FuzzTarget.byId(t.id()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FuzzTarget.byId("disks"));
    assertEquals("--target must be engine or thin-tools, got 'disks'", e.getMessage());
  }

  @Test
  void aReplayCommandNamesTheTargetOnlyWhenItIsNotTheDefault() {
    ImageFinding f = new ImageFinding(null, null, 0, Path.of("out", "finding-1.img"), 1);
    assertEquals("./powercut fuzz --replay out/finding-1.img", f.replayCommand(FuzzTarget.ENGINE));
    assertEquals(
        "./powercut fuzz --target thin-tools --replay out/finding-1.img",
        f.replayCommand(FuzzTarget.THIN_TOOLS));
  }
}
