package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.FileBlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.tools.ThinTools;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;

/** Runs the real thin tools on image files for the checker's tests. */
final class RealTools {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private RealTools() {}

  /** Restores {@code xml} with 0.9.0's thin_restore into a new sparse image. */
  static void restore(Path xml, Path image, long blocks) throws IOException {
    restore(ToolsGeneration.V0_9, xml, image, blocks);
  }

  /** Restores {@code xml} into a new sparse image of {@code blocks} blocks. */
  static void restore(ToolsGeneration g, Path xml, Path image, long blocks) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(blocks * BlockDevice.DEFAULT_BLOCK_SIZE);
    }
    ThinTools.Result r =
        ThinTools.run(g, TIMEOUT, "thin_restore", "-i", xml.toString(), "-o", image.toString());
    assertTrue(r.ok(), r::toString);
  }

  /** Runs 0.9.0's thin_check with {@code args} then the image. */
  static ThinTools.Result thinCheck(Path image, String... args) throws IOException {
    return thinCheck(ToolsGeneration.V0_9, image, args);
  }

  /**
   * Runs thin_check with {@code args} then the image; the result says whether it passed. A crash or
   * a hang is no verdict, so it fails the test.
   */
  static ThinTools.Result thinCheck(ToolsGeneration g, Path image, String... args)
      throws IOException {
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = image.toString();
    ThinTools.Result r = ThinTools.run(g, TIMEOUT, "thin_check", all);
    assertTrue(!r.timedOut() && !r.killedBySignal(), r::toString);
    return r;
  }

  /** Reads an image file into a sparse memory device, for patching. */
  static MemoryBlockDevice load(Path image) throws IOException {
    try (FileBlockDevice file = FileBlockDevice.open(image)) {
      MemoryBlockDevice mem = new MemoryBlockDevice(file.blockCount());
      byte[] b = new byte[file.blockSize()];
      for (long i = 0; i < file.blockCount(); i++) {
        file.read(i, b);
        mem.write(i, b); // a memory device keeps no zero block
      }
      return mem;
    }
  }
}
