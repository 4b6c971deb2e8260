package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Crash images built by hand from known logs, and every way a state can misfit a point. */
class CrashImageTest {
  static final int SIZE = 2048; // 4 sectors

  MemoryBlockDevice pristine;
  FaultyDevice device;

  static byte[] data(int value) {
    byte[] bytes = new byte[SIZE];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  static byte[] read(BlockDevice d, long block) throws IOException {
    byte[] dst = new byte[SIZE];
    d.read(block, dst);
    return dst;
  }

  @BeforeEach
  void run() throws IOException {
    pristine = new MemoryBlockDevice(SIZE, 8);
    pristine.write(7, data(70));
    device = new FaultyDevice(pristine);
    device.write(0, data(1)); // 0
    device.flush(); // 1
    device.write(0, data(2)); // 2
    device.mark("between"); // 3
    device.write(1, data(3)); // 4
    device.write(0, data(4)); // 5
    device.writeFua(2, data(5)); // 6
    device.write(7, data(6)); // 7
  }

  CrashImage image(String token) {
    return device.powerLoss(CrashState.parse(token));
  }

  @Test
  void theDurableBaseHoldsFlushedAndFuaWritesAndTheInitialImage() throws IOException {
    CrashPoint point = device.crashPoint();
    assertEquals(8, point.position());
    assertEquals(1, point.lastFlush());
    assertArrayEquals(new int[] {2, 4, 5, 7}, point.unflushedWrites());
    assertEquals(4, point.unflushedCount());
    assertTrue(point.isUnflushedWrite(5));
    assertTrue(!point.isUnflushedWrite(6));
    assertSame(device.log(), point.log());
    assertEquals("CrashPoint[position 8, last flush 1, 4 unflushed writes]", point.toString());

    CrashImage none = device.powerLoss(point.noneSurvive());
    assertEquals("p8", none.state().toToken());
    assertSame(point, none.point());
    assertArrayEquals(data(1), read(none, 0));
    assertArrayEquals(data(0), read(none, 1));
    assertArrayEquals(data(5), read(none, 2));
    assertArrayEquals(data(70), read(none, 7));
    assertEquals("CrashImage[p8]", none.toString());
  }

  @Test
  void survivorsLandInLogOrderSoTheLatestVersionWins() throws IOException {
    CrashImage all = device.powerLoss(device.crashPoint().allSurvive());
    assertEquals("p8:s2-7", all.state().toToken());
    assertArrayEquals(data(4), read(all, 0));
    assertArrayEquals(data(3), read(all, 1));
    assertArrayEquals(data(6), read(all, 7));
    // Any version of block 0 can be chosen; the later write to block 1 alone survives.
    assertArrayEquals(data(2), read(image("p8:s2"), 0));
    CrashImage reordered = image("p8:s4");
    assertArrayEquals(data(1), read(reordered, 0));
    assertArrayEquals(data(3), read(reordered, 1));
  }

  @Test
  void aTornWriteMixesOldAndNewSectors() throws IOException {
    // Write 5 (data 4) over block 0 whose old content is write 2 (data 2): sectors 0 and 2 land.
    byte[] block = read(image("p8:s2,5:t5=5"), 0);
    for (int s = 0; s < 4; s++) {
      byte expected = (byte) (s % 2 == 0 ? 4 : 2);
      for (int i = s * 512; i < (s + 1) * 512; i++) {
        assertEquals(expected, block[i], "byte " + i);
      }
    }
    // Alone, the torn write mixes with the durable content.
    block = read(image("p8:s5:t5=8"), 0);
    assertEquals(1, block[0]);
    assertEquals(4, block[SIZE - 1]);
  }

  @Test
  void aMisdirectedWriteLandsElsewhereAndItsOwnBlockKeepsOldData() throws IOException {
    CrashImage image = image("p8:s4:m4=6");
    assertArrayEquals(data(0), read(image, 1));
    assertArrayEquals(data(3), read(image, 6));
    // Onto a block with its own survivor: log order decides, the later write lands last.
    image = image("p8:s4-5:m4=0");
    assertArrayEquals(data(4), read(image, 0));
    image = image("p8:s2,4:t4=1:m4=0");
    byte[] block = read(image, 0);
    assertEquals(3, block[0]);
    assertEquals(2, block[512]);
  }

  @Test
  void bitRotFlipsBitsOfTheFinalImage() throws IOException {
    CrashImage image = image("p8:r7=0+9+16383,3=7");
    byte[] block = read(image, 7);
    assertEquals((byte) (70 ^ 1), block[0]);
    assertEquals((byte) (70 ^ 2), block[1]);
    assertEquals((byte) (70 ^ 0x80), block[SIZE - 1]);
    assertEquals(70, block[2]);
    assertEquals((byte) 0x80, read(image, 3)[0]);
  }

  @Test
  void recoveryWritesGoToAPrivateOverlay() throws IOException {
    CrashImage first = image("p8");
    CrashImage second = image("p8");
    first.write(7, data(99));
    first.writeFua(5, data(98));
    first.flush();
    assertArrayEquals(data(99), read(first, 7));
    assertArrayEquals(data(98), read(first, 5));
    assertArrayEquals(data(70), read(second, 7));
    assertArrayEquals(data(70), read(pristine, 7));
    first.close();
    assertThrows(IllegalStateException.class, () -> read(first, 7));
  }

  @Test
  void aCrashDuringRecoveryWrapsTheImageInANewFaultyDevice() throws IOException {
    CrashImage afterFirstCrash = image("p8:s4");
    FaultyDevice recovery = new FaultyDevice(afterFirstCrash);
    recovery.write(1, data(50));
    CrashImage afterSecondCrash = recovery.powerLoss(recovery.crashPoint().noneSurvive());
    assertArrayEquals(data(3), read(afterSecondCrash, 1));
    assertArrayEquals(data(50), read(recovery.powerLoss(recovery.crashPoint().allSurvive()), 1));
  }

  @Test
  void crashesAtEarlierPositionsUseTheLogUpToThere() throws IOException {
    CrashImage early = image("p3:s2");
    assertArrayEquals(data(2), read(early, 0));
    assertArrayEquals(data(0), read(early, 2));
    CrashImage beforeFlush = image("p1");
    assertArrayEquals(data(0), read(beforeFlush, 0));
    CrashPoint rebuilt = CrashPoint.of(pristine, device.log(), 8);
    assertArrayEquals(
        read(image("p8:s4-7"), 1), read(rebuilt.image(CrashState.parse("p8:s4-7")), 1));
  }

  @Test
  void statesThatDoNotFitThePointAreRejected() {
    CrashPoint point = device.crashPoint();
    String[][] cases = {
      {"p7", "is for position 7, not 8"},
      {"p8:s1", "entry 1 FLUSH is not an unflushed write at 8"},
      {"p8:s0", "entry 0 WRITE block 0 is not an unflushed write at 8"},
      {"p8:s3-5", "entry 3 MARK \"between\" is not an unflushed write at 8"},
      {"p8:s2-6", "entry 6 FUA block 2 is not an unflushed write at 8"},
      {"p8:s2-7:t3=1", "entry 3 MARK \"between\" is not an unflushed write"},
      {"p8:s2:t2=f", "mask f is not a tear of a block of 4 sectors"},
      {"p8:s2:t2=10", "mask 10 is not a tear of a block of 4 sectors"},
      {"p8:s2-7:m6=1", "entry 6 FUA block 2 is not an unflushed write"},
      {"p8:s2:m2=0", "write 2 is misdirected to its own block"},
      {"p8:s2:m2=8", "block 8 is outside the device of 8 blocks"},
      {"p8:r8=0", "block 8 is outside the device of 8 blocks"},
      {"p8:r0=16384", "bit 16384 is not in a block"},
    };
    for (String[] c : cases) {
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> point.image(CrashState.parse(c[0])), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
    }
    FaultyDevice empty = new FaultyDevice(new MemoryBlockDevice(SIZE, 8));
    assertThrows(IllegalArgumentException.class, () -> empty.powerLoss(CrashState.parse("p3")));
    var beyond = assertThrows(IllegalArgumentException.class, () -> CrashState.parse("p3:s2-9"));
    assertTrue(beyond.getMessage().contains("within [0, 3)"), beyond.getMessage());
  }

  @Test
  void aPointNeedsAMatchingInitialDevice() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CrashPoint.of(new MemoryBlockDevice(SIZE, 9), device.log(), 0));
    assertThrows(IllegalArgumentException.class, () -> CrashPoint.of(pristine, device.log(), 9));
    assertThrows(NullPointerException.class, () -> CrashPoint.of(null, device.log(), 0));
  }
}
