package io.powercut.fs;

import static io.powercut.fs.Crashes.bytes;
import static io.powercut.fs.Crashes.content;
import static io.powercut.fs.Crashes.force;
import static io.powercut.fs.Crashes.images;
import static io.powercut.fs.Crashes.syncDir;
import static io.powercut.fs.Crashes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.EnumerationOptions;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each ORDERED rule, and that ORDERED only removes POSIX states. */
class OrderedModelTest {
  private static final PersistenceMode ORDERED = PersistenceMode.ORDERED;
  private final CrashFileSystem fs = CrashFileSystem.create();

  @Test
  void metadataSurvivesAsAPrefixOfTheJournal() throws IOException {
    for (String name : List.of("a", "b", "c")) {
      Files.createFile(fs.getPath("/work/" + name));
    }
    Set<List<Boolean>> seen = new HashSet<>();
    for (FsImage i : images(fs, ORDERED)) {
      seen.add(List.of(i.exists("/work/a"), i.exists("/work/b"), i.exists("/work/c")));
    }
    assertEquals(
        Set.of(
            List.of(false, false, false),
            List.of(true, false, false),
            List.of(true, true, false),
            List.of(true, true, true)),
        seen);
    assertEquals(8, images(fs, PersistenceMode.POSIX).size());
  }

  @Test
  void anFsyncOfANewFileCommitsItsName() throws IOException {
    write(fs, "/work/f", 0, bytes(10, 1));
    force(fs, "/work/f", true);
    for (FsImage i : images(fs, ORDERED)) {
      assertArrayEquals(bytes(10, 1), content(i, "/work/f"));
    }
  }

  @Test
  void aCommitKeepsEverythingJournaledBeforeIt() throws IOException {
    Files.createFile(fs.getPath("/work/other"));
    Files.createFile(fs.getPath("/work/f"));
    force(fs, "/work/f", false);
    for (FsImage i : images(fs, ORDERED)) {
      assertTrue(i.exists("/work/other"));
    }
  }

  @Test
  void aRenameToANewNameMayShowTheFileWithoutItsData() throws IOException {
    write(fs, "/work/tmp", 0, bytes(10, 1));
    Files.move(fs.getPath("/work/tmp"), fs.getPath("/work/new"));
    List<FsImage> images = images(fs, ORDERED);
    assertTrue(
        images.stream().anyMatch(i -> i.exists("/work/new") && content(i, "/work/new").length == 0),
        "delayed allocation: the zero-length file");
  }

  @Test
  void aReplacingRenameBringsTheDataWrittenBeforeIt() throws IOException {
    write(fs, "/work/old", 0, bytes(10, 1));
    force(fs, "/work/old", true);
    syncDir(fs, "/work");
    write(fs, "/work/tmp", 0, bytes(700, 2));
    Files.move(
        fs.getPath("/work/tmp"), fs.getPath("/work/old"), StandardCopyOption.REPLACE_EXISTING);
    for (FsImage i : images(fs, ORDERED)) {
      byte[] old = content(i, "/work/old");
      assertTrue(
          Arrays.equals(old, bytes(10, 1)) || Arrays.equals(old, bytes(700, 2)),
          "the old content or the new, whole");
    }
    FsCrashPoint point = fs.crashPoint(ORDERED);
    int rename = fs.log().size() - 1;
    FsCrashState renameWithoutData = FsCrashState.at(point.position()).survive(rename).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> point.image(renameWithoutData));
    assertTrue(e.getMessage().contains("is not a ORDERED crash"), e.getMessage());
    FsCrashState torn =
        FsCrashState.at(point.position())
            .survive(point.pending()[0], rename)
            .tear(rename - 1, BigInteger.ONE)
            .build();
    assertThrows(IllegalArgumentException.class, () -> point.image(torn));
  }

  @Test
  void aLaterMetadataOperationWithoutAnEarlierOneIsRefused() throws IOException {
    Files.createFile(fs.getPath("/work/a"));
    Files.createFile(fs.getPath("/work/b"));
    FsCrashPoint point = fs.crashPoint(ORDERED);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> point.image(FsCrashState.at(point.position()).survive(1).build()));
    assertTrue(e.getMessage().contains("earlier metadata operation was lost"), e.getMessage());
  }

  /** At random positions of random work, every ORDERED image is also a POSIX image. */
  @PropertyTest(seeds = 40)
  void orderedOnlyRemovesPosixStates(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    RandomWorkload.run(fs, r, 14);
    EnumerationOptions options = EnumerationOptions.seeded(seed).withBound(8);
    for (int position : fs.log().crashPositions()) {
      FsCrashPoint posix = fs.crashPoint(position, PersistenceMode.POSIX);
      FsCrashPoint ordered = fs.crashPoint(position, ORDERED);
      if (posix.pendingCount() > options.bound()) {
        continue;
      }
      Set<FsImage> allowed = new HashSet<>();
      FsCrashStateEnumerator.enumerate(posix, options)
          .states()
          .forEach(s -> allowed.add(posix.image(s)));
      for (FsCrashState s : FsCrashStateEnumerator.enumerate(ordered, options).states()) {
        assertTrue(allowed.contains(ordered.image(s)), "ORDERED state " + s + " at " + position);
      }
    }
  }
}
