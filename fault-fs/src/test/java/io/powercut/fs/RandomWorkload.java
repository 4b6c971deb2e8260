package io.powercut.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random file work over a few names in two directories: writes (creating files), truncates,
 * renames (some replacing), deletes, forces, directory syncs. Operations the live file system
 * refuses (a missing source, a non-empty directory) are skipped, as an engine would handle them.
 */
final class RandomWorkload {
  private static final List<String> NAMES =
      List.of("/work/a", "/work/b", "/work/c", "/work/d/x", "/work/d/y");

  private RandomWorkload() {}

  /** Runs {@code steps} random operations on {@code fs}. */
  static void run(CrashFileSystem fs, SplittableRandom r, int steps) throws IOException {
    for (int i = 0; i < steps; i++) {
      Path p = fs.getPath(NAMES.get(r.nextInt(NAMES.size())));
      Path q = fs.getPath(NAMES.get(r.nextInt(NAMES.size())));
      try {
        switch (r.nextInt(8)) {
          case 0, 1 -> write(p, r);
          case 2 -> {
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
              c.truncate(r.nextInt(600));
            }
          }
          case 3 -> Files.move(p, q, StandardCopyOption.REPLACE_EXISTING);
          case 4 -> Files.delete(p);
          case 5 -> {
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
              c.force(r.nextBoolean());
            }
          }
          case 6 -> {
            try (FileChannel c = FileChannel.open(p.getParent(), StandardOpenOption.READ)) {
              c.force(true);
            }
          }
          default -> {
            if (Files.notExists(fs.getPath("/work/d"))) {
              Files.createDirectory(fs.getPath("/work/d"));
            }
          }
        }
      } catch (FileSystemException refused) {
        // The live file system said no (missing file, non-empty directory): nothing was logged.
      }
    }
  }

  private static void write(Path p, SplittableRandom r) throws IOException {
    byte[] bytes = new byte[1 + r.nextInt(1100)];
    r.nextBytes(bytes);
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(bytes), r.nextInt(700));
    }
  }
}
