package io.powercut.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every finding fixed so far, as its minimized image: each must now get a verdict the oracle
 * allows. The index file says what each one was.
 */
class RegressionCorpusTest {
  @Test
  void everyFixedFindingStaysFixed() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/io/powercut/fuzz/regressions").toURI());
    List<SeedImage> images = SeedCorpus.load(dir);
    assertFalse(images.isEmpty());
    try (Deadline d = new Deadline(Duration.ofSeconds(30))) {
      for (SeedImage s : images) {
        ImageVerdict v = d.judge(s.image());
        assertNull(
            v.failure(),
            () ->
                s.name()
                    + ": "
                    + v.failure().summary()
                    + "\nREPRODUCE: ./powercut fuzz --replay fuzz/src/test/resources/io/powercut/fuzz/regressions/"
                    + s.name());
      }
    }
  }
}
