package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.powercut.device.BlockDevice;
import io.powercut.device.CrashImage;
import io.powercut.device.CrashPoint;
import io.powercut.device.CrashState;
import io.powercut.device.CrashStateEnumerator;
import io.powercut.device.EnumerationOptions;
import io.powercut.device.FaultyDevice;
import io.powercut.device.IoLog;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.NoSpaceException;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A power cut during a restore into a device that holds a pool leaves the old pool or the new one:
 * the power is cut after every IO of {@link PoolInstall#restore}, and every crash state there must
 * pass the strict checker and dump (and open) exactly as the old pool or the new one.
 */
class PoolInstallCrashTest {
  private static final int BLOCKS = 512;
  private static final CheckOptions WITH_SNAPSHOT = new CheckOptions(true, false, false);

  /** What a pool holds, as the dumps of it and of its metadata snapshot (or null) say. */
  private record Content(String pool, String snapshot, long transaction) {
    static Content of(BlockDevice device) throws IOException {
      long held;
      long transaction;
      try (PoolMetadata p = PoolMetadata.open(device)) {
        held = p.metadataSnapshot();
        transaction = p.transactionId();
      }
      return new Content(dump(device, false), held == 0 ? null : dump(device, true), transaction);
    }
  }

  private static String dump(BlockDevice device, boolean snapshot) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PoolDumper.dump(device, snapshot, new PoolXmlWriter(out));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A pool the engine's own operations wrote: devices, snapshots, deletions, commits. */
  static MemoryBlockDevice enginePool(SplittableRandom r) throws IOException {
    MemoryBlockDevice device = new MemoryBlockDevice(BLOCKS);
    try (PoolMetadata pool = PoolMetadata.create(device, new PoolMetadata.Format(128, 3000))) {
      EnginePools.play(pool, r, 80);
    }
    return device;
  }

  /**
   * A pool to restore, small enough that every crash point can be searched, and clean by the strict
   * checker (which, unlike restore, wants no mapping newer than the pool's time).
   */
  static PoolSpec newPool(SplittableRandom r) throws IOException {
    // Bounded: about one draw in three is small and clean.
    for (int draw = 0; draw < 1000; draw++) {
      PoolSpec spec = PoolSpecs.sorted(60).next(r);
      if (spec.nrDataBlocks() <= 50_000 && restoresClean(spec)) {
        return spec;
      }
    }
    throw new AssertionError("no small clean pool in 1000 draws");
  }

  private static boolean restoresClean(PoolSpec spec) throws IOException {
    MemoryBlockDevice device = new MemoryBlockDevice(BLOCKS);
    PoolInstall.restore(spec::emit, new MemoryBlockDevice(BLOCKS), device);
    return MetadataChecker.check(device, WITH_SNAPSHOT).clean();
  }

  @PropertyTest(seeds = 10)
  void aPowerCutDuringARestoreLeavesTheOldPoolOrTheNew(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    MemoryBlockDevice old = enginePool(r);
    Content before = Content.of(old);
    BitSet oldBlocks = PoolInstall.blocksInUse(old);
    PoolSpec spec = newPool(r);
    FaultyDevice target = new FaultyDevice(old);
    PoolInstall.restore(spec::emit, new MemoryBlockDevice(BLOCKS), target);
    Content after = Content.of(target);
    assertEquals(spec.expectedDump(), after.pool(), "the restored pool");

    IoLog log = target.log();
    int superblockWrite = log.size() - 2;
    for (int i = 0; i < log.size(); i++) {
      if (log.isWrite(i) && i != superblockWrite) {
        assertFalse(oldBlocks.get((int) log.block(i)), "write " + i + " hits the old pool");
      }
    }
    EnumerationOptions options = EnumerationOptions.seeded(seed).withSamples(64);
    long states = 0;
    long oldStates = 0;
    long newStates = 0;
    for (int position = 0; position <= log.size(); position++) {
      CrashPoint point = target.crashPoint(position);
      for (CrashState state : CrashStateEnumerator.enumerate(point, options).states()) {
        Content c = recover(point.image(state), state);
        states++;
        if (c.equals(before)) {
          oldStates++;
        } else if (c.equals(after)) {
          newStates++;
        } else {
          fail(state + ": neither the old pool nor the new one:\n" + c.pool());
        }
      }
    }
    System.out.printf(
        "seed %d: %d IOs, %d crash states: %d old pool, %d new pool%n",
        seed, log.size(), states, oldStates, newStates);
    assertTrue(oldStates > 0 && newStates > 0, "both outcomes occur");
  }

  private static Content recover(CrashImage image, CrashState state) throws IOException {
    CheckReport report = MetadataChecker.check(image, WITH_SNAPSHOT);
    assertTrue(
        report.clean(), () -> state + ": " + report.problems().subList(0, 1) + " and others");
    return Content.of(image);
  }

  @Test
  void aRestoreOntoAnEmptyDeviceNeedsNothingKept() throws IOException {
    MemoryBlockDevice empty = new MemoryBlockDevice(BLOCKS);
    assertEquals(new BitSet(), PoolInstall.blocksInUse(empty));
    PoolSpec spec = newPool(new SplittableRandom(3));
    PoolInstall.restore(spec::emit, new MemoryBlockDevice(BLOCKS), empty);
    assertEquals(spec.expectedDump(), dump(empty, false));
  }

  @Test
  void aPoolThatDoesNotFitBesideTheOldOneLeavesTheOldOneAlone() throws IOException {
    MemoryBlockDevice old = enginePool(new SplittableRandom(5));
    byte[][] before = blocks(old);
    // Far more mappings than the free blocks of the device can index.
    PoolSpec big = new PoolSpec("", 0, 0, 0, 2, 128, 1 << 20, List.of(bigDevice()));
    assertThrows(
        NoSpaceException.class,
        () -> PoolInstall.restore(big::emit, new MemoryBlockDevice(BLOCKS), old));
    byte[][] after = blocks(old);
    for (int b = 0; b < BLOCKS; b++) {
      assertArrayEquals(before[b], after[b], "block " + b);
    }
  }

  @Test
  void theScratchDeviceMustMatchTheTarget() throws IOException {
    MemoryBlockDevice target = new MemoryBlockDevice(BLOCKS);
    PoolSpec spec = newPool(new SplittableRandom(7));
    assertThrows(
        IllegalArgumentException.class,
        () -> PoolInstall.restore(spec::emit, new MemoryBlockDevice(BLOCKS + 1), target));
    assertThrows(
        IllegalArgumentException.class, () -> PoolInstall.restore(spec::emit, target, target));
  }

  private static PoolSpec.Device bigDevice() {
    List<long[]> mappings = new ArrayList<>();
    // Every other block, so no two mappings merge into a run: one leaf entry each.
    for (long v = 0; v < 200_000; v += 2) {
      mappings.add(new long[] {v, v, 1, 0});
    }
    return new PoolSpec.Device(1, 0, 0, 0, mappings);
  }

  private static byte[][] blocks(BlockDevice d) throws IOException {
    byte[][] out = new byte[(int) d.blockCount()][d.blockSize()];
    for (int b = 0; b < out.length; b++) {
      d.read(b, out[b]);
    }
    return out;
  }
}
