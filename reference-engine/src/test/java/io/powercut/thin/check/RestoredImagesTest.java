package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.FileBlockDevice;
import io.powercut.property.PropertyTest;
import io.powercut.property.RequiresExecutables;
import io.powercut.thin.tools.ThinTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Images the real thin_restore 0.9.0 writes from random pools check clean (its known quirks are
 * tolerated), and the figures match the XML.
 */
@RequiresExecutables(
    value = {"thin_restore", "thin_check"},
    install = ThinTools.INSTALL)
class RestoredImagesTest {
  @PropertyTest(seeds = 25)
  void restoredImagesAreClean(long seed) throws IOException {
    RandomPoolXml pool = RandomPoolXml.generate(new SplittableRandom(seed));
    Path dir = Files.createTempDirectory("powercut-check");
    Path xml = dir.resolve("pool.xml");
    Path image = dir.resolve("pool.img");
    try {
      pool.write(xml);
      RealTools.restore(xml, image, pool.metadataBlocks());
      assertTrue(RealTools.thinCheck(image).ok(), "thin_check rejects the restored image: " + pool);
      try (FileBlockDevice device = FileBlockDevice.open(image)) {
        for (CheckOptions options :
            new CheckOptions[] {
              CheckOptions.DEFAULT,
              new CheckOptions(true, false, false),
              new CheckOptions(false, false, true),
              new CheckOptions(false, true, false)
            }) {
          CheckReport r = MetadataChecker.check(device, options);
          assertTrue(r.clean(), () -> pool + ", " + options + ": " + r);
          assertEquals(pool.transaction, r.transactionId());
        }
        CheckReport r = MetadataChecker.check(device, CheckOptions.DEFAULT);
        assertEquals(pool.devices.size(), r.devices(), "devices");
        assertEquals(pool.mappings(), r.mappings(), "mappings");
        assertEquals(pool.distinctDataBlocks(), r.dataBlocksInUse(), "data blocks in use");
      }
    } finally {
      Files.deleteIfExists(xml);
      Files.deleteIfExists(image);
      Files.deleteIfExists(dir);
    }
  }
}
