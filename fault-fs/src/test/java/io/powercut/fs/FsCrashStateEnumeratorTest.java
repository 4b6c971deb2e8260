package io.powercut.fs;

import static io.powercut.fs.Crashes.bytes;
import static io.powercut.fs.Crashes.content;
import static io.powercut.fs.Crashes.force;
import static io.powercut.fs.Crashes.syncDir;
import static io.powercut.fs.Crashes.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.EnumerationOptions;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FsCrashStateEnumeratorTest {
  private static final PersistenceMode POSIX = PersistenceMode.POSIX;
  private final CrashFileSystem fs = CrashFileSystem.create();

  /** n pending writes to n durable files: 2^n subsets, all distinct. */
  private FsCrashPoint independentWrites(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Files.createFile(fs.getPath("/work/f" + i));
      force(fs, "/work/f" + i, true);
    }
    syncDir(fs, "/work");
    for (int i = 0; i < n; i++) {
      write(fs, "/work/f" + i, 0, bytes(10, i + 1));
    }
    return fs.crashPoint(POSIX);
  }

  @Test
  void exhaustiveUpToTheBoundIsEverySubset() throws IOException {
    FsCrashPoint point = independentWrites(6);
    FsCrashStateEnumerator.Result r =
        FsCrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(1));
    assertTrue(r.exhaustive());
    assertEquals(6, r.pendingOperations());
    assertEquals(64, r.states().size());
    assertEquals(0, r.duplicatesSkipped());
    Set<FsImage> images = new HashSet<>();
    r.states().forEach(s -> images.add(point.image(s)));
    assertEquals(64, images.size());
    assertEquals(point.noneSurvive(), r.states().get(0));
    assertEquals(point.allSurvive(), r.states().get(63));
  }

  @Test
  void equalImagesAreCheckedOnce() throws IOException {
    Files.createFile(fs.getPath("/work/f"));
    force(fs, "/work/f", true);
    syncDir(fs, "/work");
    write(fs, "/work/f", 0, bytes(10, 1));
    write(fs, "/work/f", 0, bytes(10, 1));
    FsCrashStateEnumerator.Result r =
        FsCrashStateEnumerator.enumerate(fs.crashPoint(POSIX), EnumerationOptions.seeded(1));
    assertEquals(2, r.states().size(), "empty, or the bytes either write left");
    assertEquals(2, r.duplicatesSkipped());
  }

  @Test
  void beyondTheBoundPrefixesAllButOnesAndRandomSubsetsAreSampled() throws IOException {
    FsCrashPoint point = independentWrites(12);
    EnumerationOptions options = EnumerationOptions.seeded(3).withBound(4).withSamples(5);
    FsCrashStateEnumerator.Result r = FsCrashStateEnumerator.enumerate(point, options);
    assertFalse(r.exhaustive());
    assertTrue(r.states().size() <= 15, r.states().size() + " states");
    assertTrue(r.states().contains(point.noneSurvive()));
    assertTrue(r.states().contains(point.allSurvive()));
    assertEquals(r, FsCrashStateEnumerator.enumerate(point, options), "same seed, same states");
  }

  @Test
  void withoutDropEveryPendingOperationSurvives() throws IOException {
    FsCrashPoint point = independentWrites(3);
    FsCrashStateEnumerator.Result r =
        FsCrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(1).withDrop(false));
    assertEquals(List.of(point.allSurvive()), r.states());
  }

  @Test
  void tornWritesLandInSomeOfTheirSectors() throws IOException {
    Files.createFile(fs.getPath("/work/f"));
    force(fs, "/work/f", true);
    syncDir(fs, "/work");
    write(fs, "/work/f", 0, bytes(2048, 9));
    FsCrashPoint point = fs.crashPoint(POSIX);
    FsCrashStateEnumerator.Result r =
        FsCrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(5).withTorn(true));
    assertEquals(3, r.states().size(), "lost, whole, torn");
    FsCrashState torn = r.states().get(2);
    assertEquals(1, torn.tears().size());
    byte[] f = content(point.image(torn), "/work/f");
    int landed = 0;
    for (int s = 0; s < 4; s++) {
      boolean in = torn.tears().get(point.pending()[0]).testBit(s);
      landed += in ? 1 : 0;
      if (in || s * 512 < f.length) {
        assertEquals(in ? 9 : 0, f[s * 512], "sector " + s);
      }
    }
    assertTrue(landed > 0 && landed < 4);
    assertEquals(torn, FsCrashState.parse(torn.toToken()));
  }

  @Test
  void blockLevelFaultsAreRefused() throws IOException {
    FsCrashPoint point = independentWrites(1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FsCrashStateEnumerator.enumerate(
                    point, EnumerationOptions.seeded(1).withBitRot(true)));
    assertTrue(e.getMessage().startsWith("expected file-level options"), e.getMessage());
  }

  /** The same seed gives the same states at every position, in both modes and with tears. */
  @PropertyTest(seeds = 30)
  void enumerationIsDeterministic(long seed) throws IOException {
    RandomWorkload.run(fs, new SplittableRandom(seed), 30);
    EnumerationOptions options = EnumerationOptions.seeded(seed).withBound(6).withTorn(true);
    for (PersistenceMode mode : PersistenceMode.values()) {
      for (int position : fs.log().crashPositions()) {
        FsCrashStateEnumerator.Result a =
            FsCrashStateEnumerator.enumerate(fs.crashPoint(position, mode), options);
        FsCrashStateEnumerator.Result b =
            FsCrashStateEnumerator.enumerate(fs.crashPoint(position, mode), options);
        assertEquals(a, b, mode + " at " + position);
      }
    }
  }
}
