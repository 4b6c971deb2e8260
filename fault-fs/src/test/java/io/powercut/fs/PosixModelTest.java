package io.powercut.fs;

import static io.powercut.fs.Crashes.bytes;
import static io.powercut.fs.Crashes.content;
import static io.powercut.fs.Crashes.force;
import static io.powercut.fs.Crashes.images;
import static io.powercut.fs.Crashes.syncDir;
import static io.powercut.fs.Crashes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each POSIX rule: the states include what it allows and exclude what it forbids. */
class PosixModelTest {
  private static final PersistenceMode POSIX = PersistenceMode.POSIX;
  private final CrashFileSystem fs = CrashFileSystem.create();

  @Test
  void aForcedNewFileIsLostWithItsDataUnlessItsDirectoryIsSynced() throws IOException {
    write(fs, "/work/f", 0, bytes(100, 1));
    force(fs, "/work/f", true);
    List<FsImage> images = images(fs, POSIX);
    assertTrue(
        images.stream().anyMatch(i -> !i.exists("/work/f")),
        "fsync does not make the name durable");
    for (FsImage i : images) {
      byte[] f = content(i, "/work/f");
      assertTrue(f == null || f.length == 100, "a surviving name holds the forced data");
    }
    syncDir(fs, "/work");
    for (FsImage i : images(fs, POSIX)) {
      assertArrayEquals(bytes(100, 1), content(i, "/work/f"));
    }
  }

  @Test
  void unforcedWritesSurviveAsAnySubsetAndTheLaterOfOverlappingOnesWins() throws IOException {
    durableEmptyFile("/work/f");
    write(fs, "/work/f", 0, bytes(10, 1));
    write(fs, "/work/f", 5, bytes(10, 2));
    Set<String> seen = new HashSet<>();
    for (FsImage i : images(fs, POSIX)) {
      seen.add(Arrays.toString(content(i, "/work/f")));
    }
    byte[] both = new byte[15];
    Arrays.fill(both, 0, 5, (byte) 1);
    Arrays.fill(both, 5, 15, (byte) 2);
    byte[] onlySecond = new byte[15];
    Arrays.fill(onlySecond, 5, 15, (byte) 2);
    assertEquals(
        Set.of(
            "[]",
            Arrays.toString(bytes(10, 1)),
            Arrays.toString(onlySecond),
            Arrays.toString(both)),
        seen);
  }

  @Test
  void fdatasyncMakesDataAndSizeDurable() throws IOException {
    durableEmptyFile("/work/f");
    write(fs, "/work/f", 0, bytes(700, 3));
    write(fs, "/work/f", 700, bytes(100, 4));
    force(fs, "/work/f", false);
    for (FsImage i : images(fs, POSIX)) {
      assertEquals(800, content(i, "/work/f").length);
    }
  }

  @Test
  void aTruncateIsVolatileUntilTheFileIsForced() throws IOException {
    durableEmptyFile("/work/f");
    write(fs, "/work/f", 0, bytes(100, 1));
    force(fs, "/work/f", false);
    fs.files().truncate("/work/f", 10);
    assertEquals(Set.of(100, 10), sizes(images(fs, POSIX), "/work/f"));
    force(fs, "/work/f", false);
    assertEquals(Set.of(10), sizes(images(fs, POSIX), "/work/f"));
  }

  @Test
  void aRenameIsDurableOnlyOnceBothDirectoriesAreSynced() throws IOException {
    Files.createDirectories(fs.getPath("/work/d1"));
    Files.createDirectories(fs.getPath("/work/d2"));
    syncDir(fs, "/work");
    durableEmptyFile("/work/d1/a");
    Files.move(fs.getPath("/work/d1/a"), fs.getPath("/work/d2/a"));
    syncDir(fs, "/work/d2");
    assertEquals(
        Set.of(List.of(true, false), List.of(false, true)),
        whereIs(images(fs, POSIX)),
        "a rename survives or is lost whole");
    syncDir(fs, "/work/d1");
    assertEquals(Set.of(List.of(false, true)), whereIs(images(fs, POSIX)));
  }

  @Test
  void aDeleteIsDurableOnceItsDirectoryIsSynced() throws IOException {
    durableEmptyFile("/work/f");
    Files.delete(fs.getPath("/work/f"));
    assertEquals(2, images(fs, POSIX).size());
    syncDir(fs, "/work");
    for (FsImage i : images(fs, POSIX)) {
      assertFalse(i.exists("/work/f"));
    }
  }

  @Test
  void whatALostDirectoryHeldIsGoneThoughItWasSynced() throws IOException {
    Files.createDirectory(fs.getPath("/work/d"));
    write(fs, "/work/d/f", 0, bytes(10, 1));
    force(fs, "/work/d/f", true);
    syncDir(fs, "/work/d");
    List<FsImage> images = images(fs, POSIX);
    assertTrue(images.stream().anyMatch(i -> !i.exists("/work/d/f")));
    for (FsImage i : images) {
      assertEquals(i.exists("/work/d"), i.exists("/work/d/f"));
    }
    syncDir(fs, "/work");
    for (FsImage i : images(fs, POSIX)) {
      assertArrayEquals(bytes(10, 1), content(i, "/work/d/f"));
    }
  }

  @Test
  void pendingAndDurableFollowTheRules() throws IOException {
    write(fs, "/work/f", 0, bytes(1, 1)); // 0 create, 1 write
    force(fs, "/work/f", false); // 2
    fs.mark("between"); // 3
    syncDir(fs, "/work"); // 4
    FsCrashPoint before = fs.crashPoint(4, POSIX);
    assertTrue(before.isPending(0));
    assertTrue(before.isDurable(1));
    assertFalse(before.isPending(2), "a force loses nothing");
    assertFalse(before.isDurable(3), "a mark is nothing to lose");
    FsCrashPoint after = fs.crashPoint(POSIX);
    assertTrue(after.isDurable(0));
    assertEquals(0, after.pendingCount());
  }

  private void durableEmptyFile(String path) throws IOException {
    Files.createFile(fs.getPath(path));
    force(fs, path, true);
    syncDir(fs, fs.getPath(path).getParent().toString());
  }

  private static Set<Integer> sizes(List<FsImage> images, String path) {
    Set<Integer> out = new HashSet<>();
    images.forEach(i -> out.add(content(i, path).length));
    return out;
  }

  private static Set<List<Boolean>> whereIs(List<FsImage> images) {
    Set<List<Boolean>> out = new HashSet<>();
    images.forEach(i -> out.add(List.of(i.exists("/work/d1/a"), i.exists("/work/d2/a"))));
    return out;
  }
}
