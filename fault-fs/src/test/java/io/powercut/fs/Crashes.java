package io.powercut.fs;

import io.powercut.device.EnumerationOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: the images a power loss may leave, and the file calls the tests make. */
final class Crashes {
  private Crashes() {}

  /** Every distinct image of a power loss now, exhaustive to the default bound. */
  static List<FsImage> images(CrashFileSystem fs, PersistenceMode mode) {
    FsCrashPoint point = fs.crashPoint(mode);
    List<FsImage> out = new ArrayList<>();
    for (FsCrashState s :
        FsCrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(1)).states()) {
      out.add(point.image(s));
    }
    return out;
  }

  /** The content of {@code path} in {@code image}, or null if the image has no such file. */
  static byte[] content(FsImage image, String path) {
    return image.read(path).orElse(null);
  }

  static void write(CrashFileSystem fs, String path, long offset, byte[] bytes) throws IOException {
    try (FileChannel c =
        FileChannel.open(fs.getPath(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(bytes), offset);
    }
  }

  static void force(CrashFileSystem fs, String path, boolean metadata) throws IOException {
    try (FileChannel c = FileChannel.open(fs.getPath(path), StandardOpenOption.READ)) {
      c.force(metadata);
    }
  }

  /** The Java directory fsync: open the directory for reading and force it. */
  static void syncDir(CrashFileSystem fs, String dir) throws IOException {
    Path p = fs.getPath(dir);
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  static byte[] bytes(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
