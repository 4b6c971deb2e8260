package io.powercut.fs;

import static io.powercut.fs.Crashes.bytes;
import static io.powercut.fs.Crashes.content;
import static io.powercut.fs.Crashes.force;
import static io.powercut.fs.Crashes.images;
import static io.powercut.fs.Crashes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.EnumerationOptions;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each IN_ORDER rule, and that IN_ORDER only removes ORDERED states. */
class InOrderModelTest {
  private static final PersistenceMode IN_ORDER = PersistenceMode.IN_ORDER;
  private final CrashFileSystem fs = CrashFileSystem.create();

  @Test
  void aSyncOfOneFileIsABarrierForEveryEarlierOperation() throws IOException {
    write(fs, "/a", 0, bytes(512, 1));
    write(fs, "/b", 0, bytes(512, 2));
    force(fs, "/b", false);
    for (FsImage image : images(fs, IN_ORDER)) {
      assertArrayEquals(bytes(512, 1), content(image, "/a"));
    }
    // The same log under ORDERED may lose /a's unforced write: the barrier is IN_ORDER's own.
    assertTrue(
        images(fs, PersistenceMode.ORDERED).stream()
            .anyMatch(i -> content(i, "/a") == null || content(i, "/a").length == 0));
  }

  @Test
  void theWritesSinceTheLastSyncSurviveAsAPrefixOfTheLog() throws IOException {
    write(fs, "/f", 0, bytes(512, 0));
    force(fs, "/f", true);
    for (int v = 1; v <= 3; v++) {
      write(fs, "/f", 512 * v, bytes(512, v));
    }
    Set<Long> sizes = new HashSet<>();
    for (int position : fs.log().crashPositions()) {
      FsCrashPoint point = fs.crashPoint(position, IN_ORDER);
      List<FsCrashState> states =
          FsCrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(1)).states();
      assertEquals(1, states.size(), "one state at " + position);
      byte[] f = content(point.image(states.get(0)), "/f");
      sizes.add(f == null ? -1L : f.length);
    }
    // Nothing, then the synced 512 bytes, then each later write in turn: never a gap.
    assertEquals(Set.of(-1L, 0L, 512L, 1024L, 1536L, 2048L), sizes);
  }

  @Test
  void aLaterWriteWithoutAnEarlierOneIsRefused() throws IOException {
    write(fs, "/f", 0, bytes(512, 1));
    write(fs, "/f", 512, bytes(512, 2));
    FsCrashPoint point = fs.crashPoint(IN_ORDER);
    int[] pending = point.pending();
    FsCrashState secondOnly =
        FsCrashState.at(point.position())
            .survive(pending[pending.length - 1], pending[pending.length - 1])
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> point.image(secondOnly));
    assertTrue(
        e.getMessage().contains("survives after an earlier operation was lost"), e.getMessage());
  }

  @Test
  void onlyTheLastSurvivingWriteTears() throws IOException {
    write(fs, "/f", 0, bytes(4096, 1));
    force(fs, "/f", true);
    write(fs, "/f", 0, bytes(4096, 2));
    write(fs, "/f", 0, bytes(4096, 3));
    FsCrashPoint point = fs.crashPoint(IN_ORDER);
    List<FsCrashState> states =
        FsCrashStateEnumerator.enumerate(
                point, EnumerationOptions.seeded(3).withTorn(true).withFaultSamples(8))
            .states();
    int torn = 0;
    for (FsCrashState s : states) {
      Set<Byte> versions = new HashSet<>();
      for (byte b : content(point.image(s), "/f")) {
        versions.add(b);
      }
      // A torn write lands over the one before it: versions 1 and 3 never mix.
      assertTrue(
          versions.size() == 1
              || versions.equals(Set.of((byte) 1, (byte) 2))
              || versions.equals(Set.of((byte) 2, (byte) 3)),
          "state " + s + " mixes versions " + versions);
      torn += versions.size() == 2 ? 1 : 0;
    }
    assertTrue(torn > 0, "no torn state among " + states);
  }

  /** At random positions of random work, every IN_ORDER image is also an ORDERED image. */
  @PropertyTest(seeds = 40)
  void inOrderOnlyRemovesOrderedStates(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    RandomWorkload.run(fs, r, 14);
    EnumerationOptions options = EnumerationOptions.seeded(seed).withBound(8);
    for (int position : fs.log().crashPositions()) {
      FsCrashPoint ordered = fs.crashPoint(position, PersistenceMode.ORDERED);
      FsCrashPoint inOrder = fs.crashPoint(position, IN_ORDER);
      if (ordered.pendingCount() > options.bound()) {
        continue;
      }
      Set<FsImage> allowed = new HashSet<>();
      FsCrashStateEnumerator.enumerate(ordered, options)
          .states()
          .forEach(s -> allowed.add(ordered.image(s)));
      for (FsCrashState s : FsCrashStateEnumerator.enumerate(inOrder, options).states()) {
        assertTrue(allowed.contains(inOrder.image(s)), "IN_ORDER state " + s + " at " + position);
      }
    }
  }
}
