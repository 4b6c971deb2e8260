package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.CrashStateEnumerator.Result;
import io.powercut.device.Workload.Op;
import io.powercut.property.Gen;
import io.powercut.property.Gens;
import io.powercut.property.junit.Property;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The crash model of two devices sharing one power supply, as properties over random workloads that
 * interleave IO to both, checked against one {@link NaiveDisk} per device (each sees only its own
 * device's IO, so a flush of one device never reaches the other's oracle).
 */
class GroupCrashPropertiesTest {
  // Two geometries, so the devices of a group need not look alike.
  static final int SIZE_A = 2048;
  static final long BLOCKS_A = 5;
  static final int SIZE_B = 1024;
  static final long BLOCKS_B = 4;

  /** One IO of a workload, on device 0 or 1. */
  record DeviceOp(int device, Op op) {
    @Override
    public String toString() {
      return device + ":" + op;
    }
  }

  static Gen<List<DeviceOp>> ops(int maxOps) {
    Gen<Op> a = Workload.op(BLOCKS_A);
    Gen<Op> b = Workload.op(BLOCKS_B);
    Gen<DeviceOp> op =
        r -> r.nextBoolean() ? new DeviceOp(0, a.next(r)) : new DeviceOp(1, b.next(r));
    return Gens.listOf(op, 0, maxOps);
  }

  interface Check {
    void at(FaultyDeviceGroup group, List<NaiveDisk> naive) throws IOException;
  }

  static List<MemoryBlockDevice> initials() {
    return List.of(
        Workload.initialImage(SIZE_A, BLOCKS_A, 42), Workload.initialImage(SIZE_B, BLOCKS_B, 43));
  }

  /** Runs {@code ops} on a group and the per-device oracles side by side, at every position. */
  static ThrowingConsumer<List<DeviceOp>> atEveryPosition(Check check) {
    return ops -> {
      List<MemoryBlockDevice> initials = initials();
      FaultyDeviceGroup group = new FaultyDeviceGroup(initials);
      List<NaiveDisk> naive =
          List.of(new NaiveDisk(initials.get(0)), new NaiveDisk(initials.get(1)));
      check.at(group, naive);
      for (DeviceOp op : ops) {
        int index = group.log().size();
        Workload.apply(op.op(), group.member(op.device()));
        naive.get(op.device()).apply(op.op(), index);
        check.at(group, naive);
      }
    };
  }

  /**
   * Device {@code device}'s share of {@code state}, rebuilt from its public parts for an oracle.
   */
  static CrashState shareOf(CrashState state, int device) {
    CrashState.Builder b = CrashState.at(state.position());
    int[] ranges = state.survivorRanges();
    for (int i = 0; i < ranges.length; i += 2) {
      b.survive(ranges[i], ranges[i + 1]);
    }
    state.tears().forEach(b::tear);
    state.misdirects().forEach(b::misdirect);
    for (Map.Entry<Long, List<Integer>> rot : state.bitRot(device).entrySet()) {
      for (int bit : rot.getValue()) {
        b.rot(rot.getKey(), bit);
      }
    }
    return b.build();
  }

  static ByteBuffer image(BlockDevice device) throws IOException {
    return ByteBuffer.wrap(Workload.image(device));
  }

  static final EnumerationOptions ALL_FAULTS =
      EnumerationOptions.seeded(11)
          .withBound(8)
          .withSamples(16)
          .withFaultSamples(6)
          .withTorn(true)
          .withMisdirect(true)
          .withBitRot(true);

  /**
   * Every image of every device is what that device's oracle builds from the state; without faults
   * each block holds its durable content or a cached version, never unwritten data, and each
   * device's durable base is its own (a flush of the other device does not reach it).
   */
  @Test
  void everyDeviceHoldsWhatItsOwnCacheAllows() {
    Property.forAll(ops(36))
        .seeds(100)
        .check(
            atEveryPosition(
                (group, naive) -> {
                  GroupCrashPoint point = group.crashPoint();
                  for (int d = 0; d < 2; d++) {
                    assertEquals(naive.get(d).cached().size(), point.member(d).unflushedCount());
                    byte[] base = new byte[group.member(d).blockSize()];
                    for (long b = 0; b < group.member(d).blockCount(); b++) {
                      point.readDurable(d, b, base);
                      assertArrayEquals(naive.get(d).durable(b), base, "device " + d + " " + b);
                    }
                  }
                  Result result = CrashStateEnumerator.enumerate(point, ALL_FAULTS);
                  for (CrashState state : result.states()) {
                    List<CrashImage> images = group.powerLoss(state);
                    for (int d = 0; d < 2; d++) {
                      CrashImage image = images.get(d);
                      assertEquals(
                          naive.get(d).imageOf(shareOf(state, d)), image(image), state + " " + d);
                      if (!state.hasFaults()) {
                        for (long b = 0; b < image.blockCount(); b++) {
                          byte[] content = new byte[image.blockSize()];
                          image.read(b, content);
                          assertTrue(
                              naive.get(d).allowed(b).contains(ByteBuffer.wrap(content)),
                              state + " device " + d + " block " + b);
                          assertTrue(naive.get(d).wasIssued(b, content), state + " " + d);
                        }
                      }
                    }
                  }
                }));
  }

  /**
   * Within the bound the enumeration is exact over the union of both caches: its images are
   * precisely the images of all 2^(n_a + n_b) subsets, each once, and equal on every device means
   * one state.
   */
  @Test
  void exhaustiveEnumerationCoversTheUnionOfBothCaches() {
    EnumerationOptions options = EnumerationOptions.seeded(5).withBound(8);
    Property.forAll(ops(30))
        .seeds(100)
        .check(
            atEveryPosition(
                (group, naive) -> {
                  Result result = CrashStateEnumerator.enumerate(group.crashPoint(), options);
                  int na = naive.get(0).cached().size();
                  int nb = naive.get(1).cached().size();
                  assertEquals(na + nb, result.unflushedWrites());
                  assertEquals(na + nb <= 8, result.exhaustive());
                  if (na + nb > 8) {
                    return;
                  }
                  Set<List<ByteBuffer>> expected = new HashSet<>();
                  for (long a = 0; a < 1L << na; a++) {
                    for (long b = 0; b < 1L << nb; b++) {
                      expected.add(List.of(naive.get(0).imageOf(a), naive.get(1).imageOf(b)));
                    }
                  }
                  Set<List<ByteBuffer>> got = new HashSet<>();
                  for (CrashState state : result.states()) {
                    List<CrashImage> images = group.powerLoss(state);
                    assertTrue(got.add(List.of(image(images.get(0)), image(images.get(1)))));
                  }
                  assertEquals(expected, got);
                  assertEquals(
                      1L << (na + nb), result.states().size() + result.duplicatesSkipped());
                }));
  }

  /**
   * Every state of a group is reproducible from its token alone: parsed back it is equal, and the
   * cut rebuilt from the log and the initial images gives the same image on every device.
   */
  @Test
  void everyStateReplaysFromItsToken() {
    Property.forAll(ops(30))
        .seeds(100)
        .check(
            atEveryPosition(
                (group, naive) -> {
                  GroupCrashPoint point = group.crashPoint();
                  GroupCrashPoint rebuilt =
                      GroupCrashPoint.of(
                          List.of(group.member(0).pristine(), group.member(1).pristine()),
                          group.log(),
                          point.position());
                  for (CrashState state :
                      CrashStateEnumerator.enumerate(point, ALL_FAULTS).states()) {
                    CrashState parsed = CrashState.parse(state.toToken());
                    assertEquals(state, parsed);
                    List<CrashImage> original = point.images(state);
                    List<CrashImage> replayed = rebuilt.images(parsed);
                    for (int d = 0; d < 2; d++) {
                      assertEquals(image(original.get(d)), image(replayed.get(d)), state.toToken());
                    }
                  }
                }));
  }

  /**
   * A group of one device is a {@link FaultyDevice}: the same log, the same states in the same
   * order (faults included), the same images.
   */
  @Test
  void aGroupOfOneIsAFaultyDevice() {
    Property.forAll(Workload.ops(BLOCKS_A, 36))
        .seeds(100)
        .check(
            ops -> {
              FaultyDevice alone = new FaultyDevice(Workload.initialImage(SIZE_A, BLOCKS_A, 42));
              FaultyDeviceGroup group =
                  new FaultyDeviceGroup(List.of(Workload.initialImage(SIZE_A, BLOCKS_A, 42)));
              for (Op op : ops) {
                Workload.apply(op, alone);
                Workload.apply(op, group.member(0));
                Result single = CrashStateEnumerator.enumerate(alone.crashPoint(), ALL_FAULTS);
                Result grouped = CrashStateEnumerator.enumerate(group.crashPoint(), ALL_FAULTS);
                assertEquals(single, grouped);
                for (CrashState state : single.states()) {
                  assertEquals(image(alone.powerLoss(state)), image(group.powerLoss(state).get(0)));
                }
              }
            });
  }

  /**
   * A second device that does no IO changes nothing: the states of the first device's cut are those
   * of the device alone (bit rot, which draws a device, aside).
   */
  @Test
  void anIdleSecondDeviceAddsNoStates() {
    EnumerationOptions options = ALL_FAULTS.withBitRot(false);
    Property.forAll(Workload.ops(BLOCKS_A, 36))
        .seeds(100)
        .check(
            ops -> {
              FaultyDevice alone = new FaultyDevice(Workload.initialImage(SIZE_A, BLOCKS_A, 42));
              FaultyDeviceGroup group = new FaultyDeviceGroup(initials());
              for (Op op : ops) {
                Workload.apply(op, alone);
                Workload.apply(op, group.member(0));
                Result single = CrashStateEnumerator.enumerate(alone.crashPoint(), options);
                Result grouped = CrashStateEnumerator.enumerate(group.crashPoint(), options);
                assertEquals(single, grouped);
              }
            });
  }
}
