package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The README's table of what the real tools get wrong: each saved image still makes them crash or
 * pass damage in silence the way the table says (as long as the installed tools are 0.9.0).
 */
@RequiresThinTools(
    value = ToolsGeneration.V0_9,
    tools = {"thin_check", "thin_dump", "thin_ls", "thin_rmap"})
class ThinToolsFindingsTest {
  private static final String DIR = "/io/powercut/fuzz/thin-tools/";

  @Test
  void everyTableEntryStillHappens() throws IOException {
    int entries = 0;
    try (BufferedReader index =
            new BufferedReader(
                new InputStreamReader(
                    getClass().getResourceAsStream(DIR + "INDEX"), StandardCharsets.UTF_8));
        ToolsJudge judge = new ToolsJudge(Duration.ofSeconds(30))) {
      for (String line = index.readLine(); line != null; line = index.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        Image image;
        try (GZIPInputStream in = new GZIPInputStream(getClass().getResourceAsStream(DIR + f[0]))) {
          image = Image.of(in.readAllBytes());
        }
        Verdict v = judge.judge(image);
        assertTrue(v.failed(), f[0] + ": " + v.outcome());
        assertEquals(f[1], v.failure().signature(), f[0]);
        entries++;
      }
    }
    assertEquals(13, entries);
  }
}
