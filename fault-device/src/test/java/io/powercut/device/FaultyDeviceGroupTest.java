package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.CrashStateEnumerator.Result;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devices of a {@link FaultyDeviceGroup}, one power cut across them, by hand-made cases. */
class FaultyDeviceGroupTest {
  static final int SIZE = 1024;

  static FaultyDeviceGroup pair() {
    return new FaultyDeviceGroup(
        List.of(new MemoryBlockDevice(SIZE, 8), new MemoryBlockDevice(SIZE, 16)));
  }

  static byte[] data(int seed) {
    return Workload.payload(seed, SIZE);
  }

  static byte[] read(BlockDevice device, long block) throws IOException {
    byte[] dst = new byte[device.blockSize()];
    device.read(block, dst);
    return dst;
  }

  @Test
  void aFlushOfOneDeviceLeavesTheOtherCached() throws IOException {
    FaultyDeviceGroup group = pair();
    group.member(0).write(1, data(1));
    int dataWrite = group.log().size();
    group.member(1).write(1, data(2));
    group.member(0).flush();
    GroupCrashPoint point = group.crashPoint();
    assertEquals(0, point.member(0).unflushedCount());
    assertArrayEquals(new int[] {dataWrite}, point.unflushedWrites());
    assertEquals(1, group.unflushedWrites());
    List<CrashImage> lost = group.powerLoss(point.noneSurvive());
    assertArrayEquals(data(1), read(lost.get(0), 1));
    assertArrayEquals(new byte[SIZE], read(lost.get(1), 1));
    List<CrashImage> kept = group.powerLoss(point.allSurvive());
    assertArrayEquals(data(2), read(kept.get(1), 1));
    // Reads see the latest write of their own device only.
    assertArrayEquals(data(1), read(group.member(0), 1));
    assertArrayEquals(data(2), read(group.member(1), 1));
  }

  @Test
  void aFuaOnOneDeviceIsDurableThereAlone() throws IOException {
    FaultyDeviceGroup group = pair();
    group.member(0).write(2, data(1));
    group.member(1).writeFua(2, data(2));
    GroupCrashPoint point = group.crashPoint();
    assertEquals(1, point.unflushedCount());
    assertEquals(1, point.member(0).unflushedCount());
    List<CrashImage> images = group.powerLoss(point.noneSurvive());
    assertArrayEquals(new byte[SIZE], read(images.get(0), 2));
    assertArrayEquals(data(2), read(images.get(1), 2));
  }

  @Test
  void independentWritesOnBothDevicesGiveTwoToTheNStates() throws IOException {
    FaultyDeviceGroup group = pair();
    for (int i = 0; i < 3; i++) {
      group.member(0).write(i, data(10 + i));
      group.member(1).write(i, data(10 + i));
    }
    group.mark("end");
    Result result =
        CrashStateEnumerator.enumerate(group.crashPoint(), EnumerationOptions.seeded(1));
    assertTrue(result.exhaustive());
    assertEquals(6, result.unflushedWrites());
    // Equal bytes on equal block numbers of two devices are still two images.
    assertEquals(64, result.states().size());
    assertEquals(0, result.duplicatesSkipped());
    Result sampled =
        CrashStateEnumerator.enumerate(
            group.crashPoint(), EnumerationOptions.seeded(1).withBound(4).withSamples(8));
    assertFalse(sampled.exhaustive());
  }

  @Test
  void statesEqualOnEveryDeviceAreOne() throws IOException {
    FaultyDeviceGroup group = pair();
    group.member(0).write(0, data(1));
    // A write of the bytes the block already holds changes no image.
    group.member(1).write(3, new byte[SIZE]);
    Result result =
        CrashStateEnumerator.enumerate(group.crashPoint(), EnumerationOptions.seeded(1));
    assertEquals(2, result.states().size());
    assertEquals(2, result.duplicatesSkipped());
  }

  @Test
  void faultsStayOnTheirDevice() throws IOException {
    // Device 0 has one sector per block and one block: nothing there can tear or misdirect.
    FaultyDeviceGroup group =
        new FaultyDeviceGroup(
            List.of(new MemoryBlockDevice(512, 1), new MemoryBlockDevice(SIZE, 16)));
    group.member(0).write(0, Workload.payload(1, 512));
    group.member(1).write(5, data(2));
    group.member(0).write(0, Workload.payload(3, 512));
    EnumerationOptions options =
        EnumerationOptions.seeded(3)
            .withFaultSamples(8)
            .withTorn(true)
            .withMisdirect(true)
            .withBitRot(true);
    Result result = CrashStateEnumerator.enumerate(group.crashPoint(), options);
    boolean rotOne = false;
    for (CrashState state : result.states()) {
      for (int write : state.tears().keySet()) {
        assertEquals(1, group.log().device(write), state.toToken());
      }
      for (var misdirect : state.misdirects().entrySet()) {
        assertEquals(1, group.log().device(misdirect.getKey()), state.toToken());
        assertTrue(misdirect.getValue() < 16);
      }
      rotOne |= !state.bitRot(1).isEmpty();
    }
    assertTrue(rotOne, "some state rots device 1");
    assertTrue(result.states().stream().anyMatch(s -> !s.tears().isEmpty()));
    assertTrue(result.states().stream().anyMatch(s -> !s.misdirects().isEmpty()));
  }

  @Test
  void bitRotNamesItsDeviceInTheToken() throws IOException {
    FaultyDeviceGroup group = pair();
    group.member(1).write(4, data(1));
    CrashState state = CrashState.at(1).survive(0).rot(1, 4, 9).rot(7, 0).build();
    assertEquals("p1:s0:r7=0,d1.4=9", state.toToken());
    assertEquals(state, CrashState.parse(state.toToken()));
    List<CrashImage> images = group.powerLoss(state);
    byte[] expected = data(1);
    expected[1] ^= 2;
    assertArrayEquals(expected, read(images.get(1), 4));
    assertEquals(1, read(images.get(0), 7)[0]);
    assertThrows(IllegalStateException.class, state::bitRot);
    assertEquals(List.of(0), state.bitRot(0).get(7L));
    assertEquals(2, state.bitRotCount());
    assertArrayEquals(new long[] {7}, state.bitRotBlocks(0));
    assertArrayEquals(new long[] {4}, state.bitRotBlocks(1));
    assertArrayEquals(new long[0], state.bitRotBlocks(2));
    assertThrows(IllegalArgumentException.class, () -> CrashState.parse("p1:rd1"));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(1).rot(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> CrashState.at(1).rot(1, 4, 9).rot(1, 4, 9));
  }

  @Test
  void statesThatDoNotFitTheCutAreRefused() throws IOException {
    FaultyDeviceGroup group = pair();
    group.member(0).write(0, data(1));
    group.member(1).flush();
    group.member(1).write(0, data(2));
    GroupCrashPoint point = group.crashPoint();
    // Entry 1 is a flush: not a range end, nor a write to tear or misdirect.
    assertThrows(
        IllegalArgumentException.class, () -> point.images(CrashState.at(3).survive(1).build()));
    assertThrows(
        IllegalArgumentException.class,
        () -> point.images(CrashState.at(3).survive(0, 2).tear(1, 1).build()));
    assertThrows(
        IllegalArgumentException.class,
        () -> point.images(CrashState.at(3).survive(0, 2).misdirect(1, 3).build()));
    assertThrows(IllegalArgumentException.class, () -> point.images(CrashState.at(2).build()));
    assertThrows(
        IllegalArgumentException.class, () -> point.images(CrashState.at(3).rot(2, 0, 0).build()));
    // The device's own checks still hold: a misdirect target outside device 0.
    assertThrows(
        IllegalArgumentException.class,
        () -> point.images(CrashState.at(3).survive(0).misdirect(0, 8).build()));
    assertEquals(2, point.images(CrashState.at(3).survive(0).misdirect(0, 7).build()).size());
    // A device's share refuses bit rot of another device.
    assertThrows(
        IllegalArgumentException.class,
        () -> point.member(0).image(CrashState.at(3).rot(1, 0, 0).build()));
    assertEquals(2, point.deviceCount());
    assertTrue(point.toString().contains("2 devices"));
  }

  @Test
  void aGroupLogNamesItsDevices() throws IOException {
    FaultyDeviceGroup group = pair();
    group.member(1).write(3, data(1));
    group.member(1).flush();
    group.mark("m");
    IoLog log = group.log();
    assertEquals(2, log.deviceCount());
    assertEquals("0 WRITE device 1 block 3", log.describe(0));
    assertEquals("1 FLUSH device 1", log.describe(1));
    assertEquals(1, log.device(1));
    assertThrows(IllegalArgumentException.class, () -> log.device(2));
    assertThrows(IllegalStateException.class, log::geometry);
    assertThrows(IllegalStateException.class, () -> log.lastFlushBefore(0));
    assertThrows(IllegalStateException.class, () -> log.appendFlush());
    assertThrows(IllegalStateException.class, () -> VolatileWriteCache.at(log, 0));
    assertThrows(IllegalStateException.class, () -> log.replay(new MemoryBlockDevice(SIZE, 8), 0));
    assertThrows(IllegalArgumentException.class, () -> log.checkDevice(2));
    assertTrue(log.toString().contains("BlockGeometry"));
    assertEquals(1, log.durableVersion(1, 3, 3) + 1);
    assertThrows(IllegalArgumentException.class, () -> IoLog.ofDevices(List.of()));
  }

  @Test
  void theGroupIsBuiltFromMatchingParts() throws IOException {
    List<MemoryBlockDevice> two =
        List.of(new MemoryBlockDevice(SIZE, 8), new MemoryBlockDevice(SIZE, 8));
    assertThrows(
        IllegalArgumentException.class, () -> new FaultyDeviceGroup(two, List.of(IoFaults.none())));
    FaultyDeviceGroup group = new FaultyDeviceGroup(two);
    assertEquals(2, group.size());
    assertEquals(2, group.members().size());
    assertEquals(1, group.member(1).device());
    assertThrows(IllegalArgumentException.class, () -> group.member(2));
    assertTrue(group.toString().startsWith("FaultyDeviceGroup["));
    group.member(0).write(0, data(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> GroupCrashPoint.of(List.of(two.get(0)), group.log(), 1));
    GroupCrashPoint point = group.crashPoint(1);
    // The last point built is reused; an earlier position builds a new one.
    assertTrue(point == group.crashPoint(1));
    assertEquals(0, group.crashPoint(0).unflushedCount());
    assertThrows(
        IllegalArgumentException.class,
        () -> new GroupCrashPoint(List.of(point.member(1), point.member(0))));
    // A device's share alone is not a cut to enumerate.
    assertThrows(
        IllegalArgumentException.class,
        () -> CrashStateEnumerator.enumerate(point.member(0), EnumerationOptions.seeded(1)));
    // Entries appended behind the group's back are noticed.
    group.log().appendMark("outside");
    assertThrows(IllegalStateException.class, () -> group.member(1).write(0, data(2)));
  }

  @Test
  void eachDeviceFailsAsItsOwnPlanSays() throws IOException {
    FaultyDeviceGroup group =
        new FaultyDeviceGroup(
            List.of(new MemoryBlockDevice(SIZE, 8), new MemoryBlockDevice(SIZE, 8)),
            List.of(IoFaults.none(), IoFaults.builder().failAt(IoOp.WRITE, 0).build()));
    group.member(0).write(0, data(1));
    assertThrows(InjectedIoException.class, () -> group.member(1).write(0, data(1)));
    assertEquals(1, group.member(0).operations(IoOp.WRITE));
    assertEquals(1, group.log().size());
  }
}
