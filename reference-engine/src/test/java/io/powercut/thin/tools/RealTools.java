package io.powercut.thin.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import io.powercut.device.FileBlockDevice;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The real thin tools on image files, for the tests of every module (shared through this module's
 * test-jar). Each call names the generation it asks, and a tool that crashes or hangs gives no
 * verdict, so it fails the test. To hand an in-memory image to a tool, save it with {@link
 * FileBlockDevice#save}.
 */
public final class RealTools {
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private RealTools() {}

  /**
   * Restores {@code xml} with {@code g}'s thin_restore into a sparse image of {@code blocks}
   * metadata blocks; the test fails unless it succeeds.
   */
  public static void restore(ToolsGeneration g, Path xml, Path image, long blocks)
      throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(blocks * BlockDevice.DEFAULT_BLOCK_SIZE);
    }
    ThinTools.Result r =
        ThinTools.run(
            g, TIMEOUT, ThinTool.THIN_RESTORE, "-i", xml.toString(), "-o", image.toString());
    assertTrue(r.ok(), r::toString);
  }

  /** Runs {@code g}'s thin_check with {@code args} then the image; the result is its verdict. */
  public static ThinTools.Result thinCheck(ToolsGeneration g, Path image, String... args)
      throws IOException {
    ThinTools.Result r = ThinTools.run(g, TIMEOUT, ThinTool.THIN_CHECK, thenImage(args, image));
    assertTrue(!r.timedOut() && !r.killedBySignal(), r::toString);
    return r;
  }

  /** Fails the test unless {@code g}'s thin_check with {@code args} passes the image. */
  public static void assertThinCheckPasses(ToolsGeneration g, Path image, String... args)
      throws IOException {
    ThinTools.Result r = thinCheck(g, image, args);
    assertTrue(r.ok(), r::toString);
  }

  /** {@code g}'s thin_dump with {@code options} of the image; the test fails unless it succeeds. */
  public static String thinDump(ToolsGeneration g, Path image, String... options)
      throws IOException {
    ThinTools.Result r = ThinTools.run(g, TIMEOUT, ThinTool.THIN_DUMP, thenImage(options, image));
    assertTrue(r.ok(), r::toString);
    return r.stdout();
  }

  /** Reads an image file into a memory device (sparse: it keeps no zero block), for patching. */
  public static MemoryBlockDevice load(Path image) throws IOException {
    try (FileBlockDevice file = FileBlockDevice.open(image)) {
      MemoryBlockDevice mem = new MemoryBlockDevice(file.blockSize(), file.blockCount());
      byte[] b = new byte[file.blockSize()];
      for (long i = 0; i < file.blockCount(); i++) {
        file.read(i, b);
        mem.write(i, b);
      }
      return mem;
    }
  }

  private static String[] thenImage(String[] args, Path image) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = image.toString();
    return all;
  }
}
