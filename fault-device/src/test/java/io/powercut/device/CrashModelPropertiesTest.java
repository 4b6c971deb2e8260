package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.powercut.device.CrashStateEnumerator.Result;
import io.powercut.device.Workload.Op;
import io.powercut.property.junit.Property;
import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The crash model as properties over random workloads, checked against {@link NaiveDisk}, an
 * independent oracle. Workloads are op lists, so failures shrink to a minimal list (ddmin).
 */
class CrashModelPropertiesTest {
  static final int SIZE = 2048; // four sectors, so writes can tear
  static final long BLOCKS = 6;

  interface Check {
    void at(FaultyDevice device, NaiveDisk naive) throws IOException;
  }

  /** Runs {@code ops} on a fault device and the oracle side by side, checking every position. */
  static void run(List<Op> ops, Check check) throws IOException {
    MemoryBlockDevice initial = Workload.initialImage(SIZE, BLOCKS, 42);
    FaultyDevice device = new FaultyDevice(initial);
    NaiveDisk naive = new NaiveDisk(initial);
    check.at(device, naive);
    for (Op op : ops) {
      int index = device.log().size();
      Workload.apply(op, device);
      naive.apply(op, index);
      check.at(device, naive);
    }
  }

  static ThrowingConsumer<List<Op>> atEveryPosition(Check check) {
    return ops -> run(ops, check);
  }

  static byte[] read(BlockDevice device, long block) throws IOException {
    byte[] dst = new byte[device.blockSize()];
    device.read(block, dst);
    return dst;
  }

  /** After a flush nothing is lost, and no crash state holds data that was never written. */
  @Test
  void nothingFlushedIsLostAndNothingUnwrittenAppears() {
    EnumerationOptions options = EnumerationOptions.seeded(7).withBound(6).withSamples(16);
    Property.forAll(Workload.ops(BLOCKS, 40))
        .seeds(200)
        .check(
            atEveryPosition(
                (device, naive) -> {
                  CrashPoint point = device.crashPoint();
                  Result result = CrashStateEnumerator.enumerate(point, options);
                  for (long b = 0; b < BLOCKS; b++) {
                    assertArrayEquals(naive.durable(b), readDurable(point, b), "block " + b);
                  }
                  for (CrashState state : result.states()) {
                    CrashImage image = device.powerLoss(state);
                    for (long b = 0; b < BLOCKS; b++) {
                      byte[] content = read(image, b);
                      assertTrue(
                          naive.allowed(b).contains(ByteBuffer.wrap(content)),
                          state + " block " + b + " holds data it may not");
                      assertTrue(naive.wasIssued(b, content), state + " block " + b);
                    }
                  }
                  int last = device.log().size() - 1;
                  if (last >= 0 && device.log().kind(last) == IoLog.Kind.FLUSH) {
                    assertEquals(1, result.states().size());
                    assertArrayEquals(
                        Workload.image(device),
                        Workload.image(device.powerLoss(result.states().get(0))));
                  }
                }));
  }

  static byte[] readDurable(CrashPoint point, long block) throws IOException {
    byte[] dst = new byte[SIZE];
    point.readDurable(block, dst);
    return dst;
  }

  /**
   * Within the bound the enumeration is exact: its images are precisely the images of all 2^n
   * subsets of the cached writes, each once, and the skipped count accounts for the rest.
   */
  @Test
  void exhaustiveEnumerationYieldsExactlyTheLegalImages() {
    EnumerationOptions options = EnumerationOptions.seeded(3).withBound(8);
    Property.forAll(Workload.ops(BLOCKS, 30))
        .seeds(150)
        .check(
            atEveryPosition(
                (device, naive) -> {
                  Result result = CrashStateEnumerator.enumerate(device.crashPoint(), options);
                  int n = naive.cached().size();
                  assertEquals(n, result.unflushedWrites());
                  assertEquals(n <= 8, result.exhaustive());
                  if (n > 8) {
                    return;
                  }
                  Set<ByteBuffer> legal = new HashSet<>();
                  for (long mask = 0; mask < 1L << n; mask++) {
                    legal.add(naive.imageOf(mask));
                  }
                  Set<ByteBuffer> enumerated = new HashSet<>();
                  for (CrashState state : result.states()) {
                    ByteBuffer image = ByteBuffer.wrap(Workload.image(device.powerLoss(state)));
                    assertTrue(enumerated.add(image), "two states share an image: " + state);
                  }
                  assertEquals(legal, enumerated);
                  assertEquals((1L << n) - legal.size(), result.duplicatesSkipped());
                }));
  }

  /**
   * Every enumerated state, faults included, materializes to exactly the image the crash model
   * defines, no two states share an image (sampled or not), and each token replays its image.
   */
  @Test
  void everyStateMatchesTheOracleAndReplaysFromItsToken() {
    EnumerationOptions options =
        EnumerationOptions.seeded(11)
            .withBound(4)
            .withSamples(8)
            .withFaultSamples(6)
            .withTorn(true)
            .withMisdirect(true)
            .withBitRot(true);
    Property.forAll(Workload.ops(BLOCKS, 30))
        .seeds(100)
        .check(
            atEveryPosition(
                (device, naive) -> {
                  Result result = CrashStateEnumerator.enumerate(device.crashPoint(), options);
                  Set<ByteBuffer> distinct = new HashSet<>();
                  for (CrashState state : result.states()) {
                    byte[] image = Workload.image(device.powerLoss(state));
                    assertEquals(naive.imageOf(state), ByteBuffer.wrap(image), state.toToken());
                    assertTrue(
                        distinct.add(ByteBuffer.wrap(image)),
                        "an earlier state has the image of " + state);
                    CrashState parsed = CrashState.parse(state.toToken());
                    assertEquals(state, parsed);
                    assertArrayEquals(image, Workload.image(device.powerLoss(parsed)));
                  }
                }));
  }

  /** n independent cached writes to distinct blocks give exactly 2^n distinct crash states. */
  @PropertyTest(seeds = 40)
  void independentWritesGiveTwoToTheNStates(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int n = random.nextInt(11);
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(SIZE, 64));
    // Some flushed history first: it must not add states.
    for (int i = random.nextInt(5); i > 0; i--) {
      device.write(random.nextLong(64), Workload.payload(1 + random.nextInt(100), SIZE));
    }
    device.flush();
    long[] blocks = random.longs(0, 64).distinct().limit(n).toArray();
    for (int i = 0; i < n; i++) {
      device.write(blocks[i], Workload.payload(1000 + i, SIZE));
      if (random.nextInt(4) == 0) {
        device.mark("noise");
      }
    }
    Result result =
        CrashStateEnumerator.enumerate(device.crashPoint(), EnumerationOptions.seeded(seed));
    assertTrue(result.exhaustive());
    assertEquals(n, result.unflushedWrites());
    assertEquals(1 << n, result.states().size());
    assertEquals(0, result.duplicatesSkipped());
  }

  /** A completed FUA write is in every crash image until the block is written again. */
  @Test
  void fuaWritesSurviveEveryPowerLoss() {
    EnumerationOptions options =
        EnumerationOptions.seeded(5).withBound(6).withSamples(16).withTorn(true);
    Property.forAll(Workload.ops(BLOCKS, 40))
        .seeds(150)
        .check(
            ops -> {
              MemoryBlockDevice initial = Workload.initialImage(SIZE, BLOCKS, 42);
              FaultyDevice device = new FaultyDevice(initial);
              Map<Long, byte[]> lastFua = new HashMap<>();
              for (Op op : ops) {
                Workload.apply(op, device);
                switch (op.kind()) {
                  case FUA -> lastFua.put(op.block(), Workload.payload(op.data(), SIZE));
                  case WRITE -> lastFua.remove(op.block());
                  default -> {}
                }
                Result result = CrashStateEnumerator.enumerate(device.crashPoint(), options);
                for (CrashState state : result.states()) {
                  CrashImage image = device.powerLoss(state);
                  for (var e : lastFua.entrySet()) {
                    assertArrayEquals(e.getValue(), read(image, e.getKey()), state.toToken());
                  }
                }
              }
            });
  }

  /** A torn write leaves each sector of its block either as it was or as the write had it. */
  @Test
  void tornWritesOnlyMixOldAndNewSectorsOfTheirBlock() {
    EnumerationOptions options =
        EnumerationOptions.seeded(9).withBound(5).withSamples(8).withTorn(true);
    Property.forAll(Workload.ops(BLOCKS, 40))
        .seeds(150)
        .check(
            atEveryPosition(
                (device, naive) -> {
                  Result result = CrashStateEnumerator.enumerate(device.crashPoint(), options);
                  for (CrashState state : result.states()) {
                    for (var tear : state.tears().entrySet()) {
                      checkTear(device, naive, state, tear.getKey(), tear.getValue());
                    }
                  }
                }));
  }

  static void checkTear(FaultyDevice device, NaiveDisk naive, CrashState state, int w, long mask)
      throws IOException {
    assertTrue(mask != 0 && mask != 0xf, state.toToken());
    long block = device.log().block(w);
    byte[] fresh = device.log().payload(w);
    // The old content: the same state without the torn write.
    CrashState.Builder without = CrashState.at(state.position());
    for (NaiveDisk.Cached c : naive.cached()) {
      if (state.covers(c.index()) && c.index() != w) {
        without.survive(c.index());
      }
    }
    ByteBuffer oldImage = naive.imageOf(without.build());
    byte[] old = new byte[SIZE];
    oldImage.position((int) block * SIZE).get(old);
    byte[] torn = read(device.powerLoss(state), block);
    for (int s = 0; s < SIZE / 512; s++) {
      byte[] sector = Arrays.copyOfRange(torn, s * 512, (s + 1) * 512);
      byte[] expected = (mask >>> s & 1) != 0 ? fresh : old;
      assertArrayEquals(
          Arrays.copyOfRange(expected, s * 512, (s + 1) * 512), sector, state + " sector " + s);
    }
  }

  /** The same seed gives the same crash states, byte for byte, on a fresh run. */
  @PropertyTest(seeds = 25)
  void theSameSeedGivesTheSameCrashStatesByteForByte(long seed) throws IOException {
    List<Op> ops = Workload.ops(BLOCKS, 30).next(new SplittableRandom(seed));
    List<String> first = new ArrayList<>();
    List<ByteBuffer> firstImages = new ArrayList<>();
    crashEverywhere(ops, seed, first, firstImages);
    List<String> second = new ArrayList<>();
    List<ByteBuffer> secondImages = new ArrayList<>();
    crashEverywhere(ops, seed, second, secondImages);
    assertFalse(first.isEmpty());
    assertEquals(first, second);
    assertEquals(firstImages, secondImages);
  }

  static void crashEverywhere(List<Op> ops, long seed, List<String> tokens, List<ByteBuffer> images)
      throws IOException {
    EnumerationOptions options =
        EnumerationOptions.seeded(seed)
            .withBound(3)
            .withSamples(6)
            .withFaultSamples(4)
            .withTorn(true)
            .withMisdirect(true)
            .withBitRot(true);
    run(
        ops,
        (device, naive) -> {
          for (CrashState state :
              CrashStateEnumerator.enumerate(device.crashPoint(), options).states()) {
            tokens.add(state.toToken());
            images.add(ByteBuffer.wrap(Workload.image(device.powerLoss(state))));
          }
        });
  }

  /** A log saved to a file, read back and replayed reproduces the run and its crash states. */
  @Test
  void aSavedLogReplaysTheRunExactly() {
    EnumerationOptions options =
        EnumerationOptions.seeded(2).withBound(4).withSamples(8).withTorn(true);
    Property.forAll(Workload.ops(BLOCKS, 40))
        .seeds(60)
        .check(
            ops -> {
              MemoryBlockDevice initial = Workload.initialImage(SIZE, BLOCKS, 42);
              FaultyDevice original = new FaultyDevice(initial);
              for (Op op : ops) {
                Workload.apply(op, original);
              }
              IoLog loaded;
              try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
                Path file = fs.getPath("/run.log");
                IoLogFormat.write(original.log(), file);
                loaded = IoLogFormat.read(file);
              }
              IoLogFormatTest.assertSameLog(original.log(), loaded);
              FaultyDevice replayed = new FaultyDevice(initial.copy());
              loaded.replay(replayed, loaded.size());
              IoLogFormatTest.assertSameLog(original.log(), replayed.log());
              for (int p = 0; p <= loaded.size(); p++) {
                Result a = CrashStateEnumerator.enumerate(original.crashPoint(p), options);
                Result b = CrashStateEnumerator.enumerate(initial, loaded, p, options);
                assertEquals(a.states(), b.states());
                for (CrashState state : a.states()) {
                  assertArrayEquals(
                      Workload.image(original.powerLoss(state)),
                      Workload.image(replayed.powerLoss(state)));
                }
              }
            });
  }
}
