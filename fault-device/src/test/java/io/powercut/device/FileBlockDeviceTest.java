package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The file backend on Jimfs and on the real default file system. */
class FileBlockDeviceTest {
  private static final FileSystem JIMFS = Jimfs.newFileSystem(Configuration.unix());

  @TempDir static Path realDir;

  @AfterAll
  static void closeJimfs() throws IOException {
    JIMFS.close();
  }

  static Stream<Path> dirs() throws IOException {
    return Stream.of(realDir, Files.createTempDirectory(JIMFS.getPath("/"), "t"));
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void contentSurvivesReopening(Path dir) throws IOException {
    Path file = dir.resolve("disk.img");
    byte[] data = new byte[2048];
    Arrays.fill(data, (byte) 0x5a);
    try (FileBlockDevice device = FileBlockDevice.create(file, 2048, 10)) {
      assertEquals(file, device.path());
      assertEquals(20480, Files.size(file));
      device.write(9, data);
      device.writeFua(0, data);
      device.flush();
      assertEquals(
          "FileBlockDevice[" + file + ", BlockGeometry[blockSize=2048, blockCount=10]]",
          device.toString());
    }
    try (FileBlockDevice device = FileBlockDevice.open(file, 2048)) {
      assertEquals(10, device.blockCount());
      byte[] dst = new byte[2048];
      device.read(9, dst);
      assertArrayEquals(data, dst);
      device.read(0, dst);
      assertArrayEquals(data, dst);
      device.read(5, dst);
      assertArrayEquals(new byte[2048], dst);
    }
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void openUsesTheDefaultBlockSize(Path dir) throws IOException {
    Path file = dir.resolve("default.img");
    FileBlockDevice.create(file, 3).close();
    try (FileBlockDevice device = FileBlockDevice.open(file)) {
      assertEquals(BlockDevice.DEFAULT_BLOCK_SIZE, device.blockSize());
      assertEquals(3, device.blockCount());
    }
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void createNeverOverwrites(Path dir) throws IOException {
    Path file = dir.resolve("existing.img");
    Files.write(file, new byte[] {1, 2, 3});
    assertThrows(FileAlreadyExistsException.class, () -> FileBlockDevice.create(file, 1));
    assertEquals(3, Files.size(file));
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void createRejectsABadGeometryBeforeTouchingTheFile(Path dir) {
    Path file = dir.resolve("never.img");
    assertThrows(IllegalArgumentException.class, () -> FileBlockDevice.create(file, 1000, 1));
    assertThrows(IllegalArgumentException.class, () -> FileBlockDevice.create(file, 0));
    assertFalse(Files.exists(file));
  }

  @Test
  void aFailedCreateLeavesNoFileBehind() throws IOException {
    Configuration small = Configuration.unix().toBuilder().setMaxSize(1 << 20).build();
    try (FileSystem fs = Jimfs.newFileSystem(small)) {
      Path file = fs.getPath("/too-big.img");
      assertThrows(IOException.class, () -> FileBlockDevice.create(file, 4096, 1024));
      assertFalse(Files.exists(file));
    }
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void openRejectsFilesThatAreNotWholeBlocks(Path dir) throws IOException {
    Path ragged = dir.resolve("ragged.img");
    Files.write(ragged, new byte[4097]);
    var e = assertThrows(TruncatedImageException.class, () -> FileBlockDevice.open(ragged));
    assertTrue(e.getMessage().contains("size 4097 is not a positive multiple"), e.getMessage());
    assertEquals(ragged, e.path());
    Path empty = dir.resolve("empty.img");
    Files.write(empty, new byte[0]);
    assertThrows(TruncatedImageException.class, () -> FileBlockDevice.open(empty));
    assertThrows(NoSuchFileException.class, () -> FileBlockDevice.open(dir.resolve("absent")));
    assertThrows(IllegalArgumentException.class, () -> FileBlockDevice.open(empty, 100));
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void aFileThatShrankUnderneathIsAnIoError(Path dir) throws IOException {
    Path file = dir.resolve("shrinking.img");
    try (FileBlockDevice device = FileBlockDevice.create(file, 512, 4);
        FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
      other.truncate(1024 + 100);
      byte[] dst = new byte[512];
      device.read(1, dst);
      var e = assertThrows(TruncatedImageException.class, () -> device.read(2, dst));
      assertTrue(e.getMessage().contains("block 2 ends early"), e.getMessage());
      assertThrows(IOException.class, () -> device.read(3, dst));
    }
  }

  @Test
  void aFaultyDeviceRunsOverAFileOnJimfs() throws IOException {
    Path file = JIMFS.getPath("/faulty.img");
    try (FileBlockDevice pristine = FileBlockDevice.create(file, 512, 8)) {
      byte[] old = new byte[512];
      Arrays.fill(old, (byte) 1);
      pristine.write(2, old);
      FaultyDevice faulty = new FaultyDevice(pristine);
      byte[] fresh = new byte[512];
      Arrays.fill(fresh, (byte) 2);
      faulty.write(2, fresh);
      byte[] dst = new byte[512];
      faulty.powerLoss(faulty.crashPoint().noneSurvive()).read(2, dst);
      assertArrayEquals(old, dst);
      faulty.powerLoss(faulty.crashPoint().allSurvive()).read(2, dst);
      assertArrayEquals(fresh, dst);
      // The pristine file is the initial image: the fault device never writes it.
      pristine.read(2, dst);
      assertArrayEquals(old, dst);
    }
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void saveCopiesEveryBlockAndRefusesToOverwrite(Path dir) throws IOException {
    MemoryBlockDevice source = new MemoryBlockDevice(512, 6);
    byte[] data = new byte[512];
    Arrays.fill(data, (byte) 7);
    source.write(4, data);
    Path file = dir.resolve("saved.img");
    FileBlockDevice.save(source, file);
    try (FileBlockDevice saved = FileBlockDevice.open(file, 512)) {
      assertEquals(6, saved.blockCount());
      byte[] got = new byte[512];
      saved.read(4, got);
      assertArrayEquals(data, got);
      saved.read(5, got);
      assertArrayEquals(new byte[512], got);
    }
    assertThrows(FileAlreadyExistsException.class, () -> FileBlockDevice.save(source, file));
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void aReadOnlyDeviceReadsAndRefusesEveryChange(Path dir) throws IOException {
    Path file = dir.resolve("read-only.img");
    byte[] data = new byte[512];
    Arrays.fill(data, (byte) 3);
    try (FileBlockDevice device = FileBlockDevice.create(file, 512, 8)) {
      device.write(1, data);
    }
    byte[] before = Files.readAllBytes(file);
    try (FileBlockDevice device = FileBlockDevice.openReadOnly(file, 512)) {
      assertTrue(device.isReadOnly());
      assertEquals(8, device.blockCount());
      assertTrue(device.toString().endsWith(", read-only]"), device.toString());
      byte[] dst = new byte[512];
      device.read(1, dst);
      assertArrayEquals(data, dst);
      byte[] other = new byte[512];
      var e = assertThrows(ReadOnlyDeviceException.class, () -> device.write(1, other));
      assertEquals(file + " is open read-only: write refused", e.getMessage());
      assertThrows(ReadOnlyDeviceException.class, () -> device.writeFua(2, other));
      assertThrows(ReadOnlyDeviceException.class, device::flush);
      // Misuse is still a programming error first, as on every device.
      assertThrows(IllegalArgumentException.class, () -> device.write(9, other));
    }
    assertArrayEquals(before, Files.readAllBytes(file), "nothing reached the file");
    try (FileBlockDevice device = FileBlockDevice.openReadOnly(file)) {
      assertEquals(BlockDevice.DEFAULT_BLOCK_SIZE, device.blockSize());
      assertEquals(1, device.blockCount(), "8 blocks of 512 bytes are one of 4096");
    }
  }

  @ParameterizedTest
  @MethodSource("dirs")
  void aReadOnlyOpenRejectsWhatOpenRejects(Path dir) throws IOException {
    Path ragged = dir.resolve("ragged-ro.img");
    Files.write(ragged, new byte[4096 * 3 + 100]);
    var e = assertThrows(TruncatedImageException.class, () -> FileBlockDevice.openReadOnly(ragged));
    assertTrue(
        e.getMessage().endsWith("size 12388 is not a positive multiple of the block size 4096"),
        e.getMessage());
    assertThrows(
        NoSuchFileException.class, () -> FileBlockDevice.openReadOnly(dir.resolve("absent")));
    var d = assertThrows(FileSystemException.class, () -> FileBlockDevice.openReadOnly(dir));
    assertEquals("is a directory, not an image", d.getReason());
    assertThrows(FileSystemException.class, () -> FileBlockDevice.open(dir));
    assertThrows(IllegalArgumentException.class, () -> FileBlockDevice.openReadOnly(ragged, 100));
  }

  @Test
  void aReadOnlyDeviceNeedsNoWriteAccess() throws IOException {
    Path file = realDir.resolve("no-write.img");
    FileBlockDevice.create(file, 2).close();
    assertTrue(file.toFile().setWritable(false));
    try (FileBlockDevice device = FileBlockDevice.openReadOnly(file)) {
      device.read(1, new byte[BlockDevice.DEFAULT_BLOCK_SIZE]);
    } finally {
      assertTrue(file.toFile().setWritable(true));
    }
  }
}
