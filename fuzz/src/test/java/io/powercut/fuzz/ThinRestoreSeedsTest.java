package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.powercut.thin.tools.RealTools;
import io.powercut.thin.tools.RequiresThinTools;
import io.powercut.thin.tools.ThinTool;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled seeds are what the real thin_restore writes for the XML bundled with them. */
@RequiresThinTools(
    value = ToolsGeneration.V0_9,
    tools = {ThinTool.THIN_RESTORE, ThinTool.THIN_CHECK})
class ThinRestoreSeedsTest {
  @TempDir Path dir;

  @Test
  void eachBundledImageIsThinRestoresOutputForItsXml() throws IOException {
    assertEquals(4, SeedCorpus.index().size());
    for (SeedImage seed : SeedCorpus.bundled()) {
      Path xml = dir.resolve(seed.name() + ".xml");
      try (InputStream in =
          new GZIPInputStream(
              getClass().getResourceAsStream(SeedCorpus.BUNDLED + seed.name() + ".xml.gz"))) {
        Files.write(xml, in.readAllBytes());
      }
      Path img = dir.resolve(seed.name() + ".img");
      RealTools.restore(ToolsGeneration.V0_9, xml, img, seed.image().size());
      assertArrayEquals(seed.image().bytes(), Files.readAllBytes(img), seed.name());
      RealTools.assertThinCheckPasses(ToolsGeneration.V0_9, img);
    }
  }
}
