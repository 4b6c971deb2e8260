package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FileBlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Times the checker on a clean image file, in one JVM (warm runs after the first). Off by default:
 *
 * <pre>
 * mvn -pl reference-engine test -Dtest=CheckBenchmarkTest -Dpowercut.check.bench=pool.img
 *     [-Dpowercut.check.runs=5]
 * </pre>
 */
@EnabledIfSystemProperty(named = "powercut.check.bench", matches = ".+")
class CheckBenchmarkTest {
  @Test
  void timeTheCheck() throws IOException {
    Path image = Path.of(System.getProperty("powercut.check.bench"));
    int runs = Integer.getInteger("powercut.check.runs", 5);
    try (FileBlockDevice device = FileBlockDevice.open(image)) {
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        CheckReport r = MetadataChecker.check(device, CheckOptions.DEFAULT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("run %d: %d ms: %s%n", i + 1, ms, r.toString().lines().findFirst().get());
        assertTrue(r.clean(), r::toString);
      }
    }
  }
}
