package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link BlockDevice} contract, checked on every implementation. */
class BlockDeviceContractTest {
  private static final int BLOCK_SIZE = 1024;
  private static final long BLOCKS = 16;

  interface Opener {
    BlockDevice open(Path dir) throws IOException;
  }

  record Backend(String name, Opener opener) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Backend> backends() {
    return Stream.of(
        new Backend("memory", dir -> new MemoryBlockDevice(BLOCK_SIZE, BLOCKS)),
        new Backend(
            "file on a temp dir",
            dir -> FileBlockDevice.create(dir.resolve("disk.img"), BLOCK_SIZE, BLOCKS)),
        new Backend(
            "file on jimfs",
            dir -> {
              FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
              return FileBlockDevice.create(fs.getPath("/disk.img"), BLOCK_SIZE, BLOCKS);
            }),
        new Backend(
            "faulty device", dir -> new FaultyDevice(new MemoryBlockDevice(BLOCK_SIZE, BLOCKS))),
        new Backend(
            "crash image",
            dir -> {
              FaultyDevice faulty = new FaultyDevice(new MemoryBlockDevice(BLOCK_SIZE, BLOCKS));
              faulty.write(3, filled((byte) 9));
              return faulty.powerLoss(faulty.crashPoint().noneSurvive());
            }));
  }

  static byte[] filled(byte value) {
    byte[] bytes = new byte[BLOCK_SIZE];
    Arrays.fill(bytes, value);
    return bytes;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void reportsItsGeometry(Backend backend, @TempDir Path dir) throws IOException {
    try (BlockDevice device = backend.opener().open(dir)) {
      assertEquals(BLOCK_SIZE, device.blockSize());
      assertEquals(BLOCKS, device.blockCount());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void freshBlocksReadAsZeros(Backend backend, @TempDir Path dir) throws IOException {
    try (BlockDevice device = backend.opener().open(dir)) {
      byte[] dst = filled((byte) 1);
      for (long b = 0; b < BLOCKS; b++) {
        device.read(b, dst);
        assertArrayEquals(new byte[BLOCK_SIZE], dst, "block " + b);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void readsSeeTheLatestWriteAndOwnNoCallerArrays(Backend backend, @TempDir Path dir)
      throws IOException {
    try (BlockDevice device = backend.opener().open(dir)) {
      byte[] src = filled((byte) 5);
      device.write(0, src);
      src[0] = 77; // the device must have copied the array
      device.writeFua(BLOCKS - 1, filled((byte) 6));
      device.write(0, filled((byte) 7));
      device.flush();

      byte[] dst = new byte[BLOCK_SIZE];
      device.read(0, dst);
      assertArrayEquals(filled((byte) 7), dst);
      dst[1] = 99; // nor may a read hand out its own array
      device.read(0, dst);
      assertArrayEquals(filled((byte) 7), dst);
      device.read(BLOCKS - 1, dst);
      assertArrayEquals(filled((byte) 6), dst);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void outOfRangeBlocksNameTheBlockAndTheCount(Backend backend, @TempDir Path dir)
      throws IOException {
    try (BlockDevice device = backend.opener().open(dir)) {
      byte[] buffer = new byte[BLOCK_SIZE];
      for (long bad : new long[] {-1, BLOCKS, Long.MAX_VALUE}) {
        var e = assertThrows(IllegalArgumentException.class, () -> device.read(bad, buffer));
        assertTrue(e.getMessage().contains("block " + bad), e.getMessage());
        assertTrue(e.getMessage().contains(BLOCKS + " blocks"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> device.write(bad, buffer));
        assertThrows(IllegalArgumentException.class, () -> device.writeFua(bad, buffer));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void buffersMustBeExactlyOneBlock(Backend backend, @TempDir Path dir) throws IOException {
    try (BlockDevice device = backend.opener().open(dir)) {
      for (int length : new int[] {0, BLOCK_SIZE - 1, BLOCK_SIZE + 1}) {
        byte[] buffer = new byte[length];
        var e = assertThrows(IllegalArgumentException.class, () -> device.read(0, buffer));
        assertTrue(e.getMessage().contains(length + " bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> device.write(0, buffer));
        assertThrows(IllegalArgumentException.class, () -> device.writeFua(0, buffer));
      }
      assertThrows(NullPointerException.class, () -> device.read(0, null));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aClosedDeviceRefusesIo(Backend backend, @TempDir Path dir) throws IOException {
    BlockDevice device = backend.opener().open(dir);
    device.close();
    device.close(); // closing twice is allowed
    byte[] buffer = new byte[BLOCK_SIZE];
    assertThrows(IllegalStateException.class, () -> device.read(0, buffer));
    assertThrows(IllegalStateException.class, () -> device.write(0, buffer));
    assertThrows(IllegalStateException.class, () -> device.writeFua(0, buffer));
    assertThrows(IllegalStateException.class, device::flush);
  }
}
