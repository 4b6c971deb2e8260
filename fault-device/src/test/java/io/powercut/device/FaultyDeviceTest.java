package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.property.junit.PropertyTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FaultyDeviceTest {
  static byte[] data(int value) {
    return IoLogTest.data(value);
  }

  @Test
  void readsAreCoherentAndThePristineDeviceIsNeverWritten() throws IOException {
    MemoryBlockDevice pristine = new MemoryBlockDevice(512, 4);
    pristine.write(1, data(1));
    FaultyDevice device = new FaultyDevice(pristine);
    byte[] dst = new byte[512];
    device.read(1, dst);
    assertArrayEquals(data(1), dst);
    device.write(1, data(2));
    device.read(1, dst);
    assertArrayEquals(data(2), dst);
    device.writeFua(1, data(3));
    device.flush();
    device.read(1, dst);
    assertArrayEquals(data(3), dst);
    pristine.read(1, dst);
    assertArrayEquals(data(1), dst);
    assertSame(pristine, device.pristine());
    assertEquals(3, device.log().size());
    assertEquals(
        "FaultyDevice[BlockGeometry[blockSize=512, blockCount=4], 3 log entries, "
            + "VolatileWriteCache[0 writes to 0 blocks]]",
        device.toString());
  }

  @Test
  void logsEveryOpAndMark() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 4));
    assertEquals(0, device.mark("op 1 begin"));
    device.write(2, data(1));
    device.writeFua(3, data(2));
    device.flush();
    assertEquals(4, device.mark("op 1 end"));
    List<String> described = new ArrayList<>();
    for (int i = 0; i < device.log().size(); i++) {
      described.add(device.log().describe(i));
    }
    assertEquals(
        List.of(
            "0 MARK \"op 1 begin\"",
            "1 WRITE block 2",
            "2 FUA block 3",
            "3 FLUSH",
            "4 MARK \"op 1 end\""),
        described);
    assertEquals(1, device.operations(IoOp.FLUSH));
    assertEquals(2, device.operations(IoOp.WRITE));
    assertEquals(0, device.operations(IoOp.READ));
  }

  @Test
  void unflushedWritesAreCountedUntilAFlush() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 4));
    device.write(0, data(1));
    device.write(0, data(2));
    device.write(1, data(3));
    assertEquals(3, device.unflushedWrites());
    device.writeFua(0, data(4)); // supersedes both cached versions of block 0
    assertEquals(1, device.unflushedWrites());
    device.flush();
    assertEquals(0, device.unflushedWrites());
  }

  @Test
  void failsTheNumberedOperationWithATypedException() throws IOException {
    IoFaults faults =
        IoFaults.builder().failAt(IoOp.READ, 1).failAt(IoOp.WRITE, 2).failAt(IoOp.FLUSH, 0).build();
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 4), faults);
    assertSame(faults, device.faults());
    byte[] dst = new byte[512];
    device.read(0, dst);
    var read = assertThrows(InjectedIoException.class, () -> device.read(3, dst));
    assertEquals("injected read error: read #1 of block 3", read.getMessage());
    assertEquals(IoOp.READ, read.op());
    assertEquals(1, read.number());
    assertEquals(OptionalLong.of(3), read.block());
    device.read(0, dst);

    device.write(0, data(1));
    device.writeFua(1, data(2));
    var fua = assertThrows(InjectedIoException.class, () -> device.writeFua(2, data(3)));
    assertEquals("injected write error: writeFua #2 of block 2", fua.getMessage());
    device.write(2, data(4));

    var flush = assertThrows(InjectedIoException.class, device::flush);
    assertEquals("injected flush error: flush #0", flush.getMessage());
    assertEquals(OptionalLong.empty(), flush.block());
    device.flush();

    // The failed FUA reached neither the log nor the device; the failed flush made nothing durable.
    assertEquals(4, device.log().size());
    assertEquals(IoLog.Kind.WRITE, device.log().kind(2));
    assertEquals(IoLog.Kind.FLUSH, device.log().kind(3));
    assertEquals(3, device.operations(IoOp.READ));
    assertEquals(4, device.operations(IoOp.WRITE));
    assertEquals(2, device.operations(IoOp.FLUSH));
  }

  @Test
  void aFailedWriteIsInvisibleAndAFailedFlushLeavesWritesLosable() throws IOException {
    IoFaults faults = IoFaults.builder().failAt(IoOp.WRITE, 1).failAt(IoOp.FLUSH, 0).build();
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 4), faults);
    device.write(0, data(1));
    assertThrows(InjectedIoException.class, () -> device.write(0, data(2)));
    byte[] dst = new byte[512];
    device.read(0, dst);
    assertArrayEquals(data(1), dst);
    assertThrows(InjectedIoException.class, device::flush);
    assertEquals(1, device.unflushedWrites());
    device.powerLoss(device.crashPoint().noneSurvive()).read(0, dst);
    assertArrayEquals(new byte[512], dst);
  }

  /** A dying disk: every write from number N on fails, none before it does. */
  @PropertyTest(seeds = 50)
  void aDyingDiskFailsEveryWriteFromItsNumberOn(long seed) throws IOException {
    int dieAt = (int) Math.floorMod(seed, 40);
    FaultyDevice device =
        new FaultyDevice(
            new MemoryBlockDevice(512, 8), IoFaults.builder().failFrom(IoOp.WRITE, dieAt).build());
    for (int i = 0; i < 40; i++) {
      final int n = i;
      if (i < dieAt) {
        if (i % 3 == 0) {
          device.writeFua(i % 8, data(i));
        } else {
          device.write(i % 8, data(i));
        }
      } else {
        var e = assertThrows(InjectedIoException.class, () -> device.write(n % 8, data(n)));
        assertEquals(i, e.number());
      }
      device.read(i % 8, new byte[512]); // reads still work
    }
    assertEquals(dieAt, device.log().size());
  }

  @Test
  void ratesAreDecidedBySeedOpAndNumberAlone() throws IOException {
    IoFaults faults = IoFaults.builder().rate(IoOp.READ, 0.5).seed(7).build();
    List<Long> failed = new ArrayList<>();
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 1), faults);
    for (int i = 0; i < 200; i++) {
      try {
        device.read(0, new byte[512]);
        assertTrue(!faults.fails(IoOp.READ, i));
      } catch (InjectedIoException e) {
        failed.add(e.number());
      }
    }
    // About half fail, and exactly the ones the plan names.
    assertTrue(failed.size() > 60 && failed.size() < 140, "" + failed.size());
    for (long n : failed) {
      assertTrue(faults.fails(IoOp.READ, n));
    }
    IoFaults same = IoFaults.builder().rate(IoOp.READ, 0.5).seed(7).build();
    IoFaults other = IoFaults.builder().rate(IoOp.READ, 0.5).seed(8).build();
    int differences = 0;
    for (long n = 0; n < 200; n++) {
      assertEquals(faults.fails(IoOp.READ, n), same.fails(IoOp.READ, n));
      differences += faults.fails(IoOp.READ, n) != other.fails(IoOp.READ, n) ? 1 : 0;
      assertTrue(!faults.fails(IoOp.WRITE, n));
    }
    assertTrue(differences > 0);
  }

  @Test
  void appendingToTheLogFromOutsideIsCaught() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 4));
    device.write(0, data(1));
    device.log().appendFlush();
    assertThrows(IllegalStateException.class, () -> device.write(0, data(1)));
    assertThrows(IllegalStateException.class, () -> device.writeFua(0, data(1)));
    assertThrows(IllegalStateException.class, device::flush);
    assertThrows(IllegalStateException.class, () -> device.mark("x"));
    var e = assertThrows(IllegalStateException.class, device::crashPoint);
    assertEquals(
        "the IoLog of this FaultyDevice was appended to from outside: 2 entries, expected 1",
        e.getMessage());
  }

  @Test
  void crashesStillWorkAfterClose() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 4));
    device.write(0, data(1));
    device.close();
    assertThrows(IllegalStateException.class, () -> device.mark("late"));
    byte[] dst = new byte[512];
    device.powerLoss(device.crashPoint().allSurvive()).read(0, dst);
    assertArrayEquals(data(1), dst);
    // The point for a position is built once and reused.
    assertSame(device.crashPoint(1), device.crashPoint());
    assertThrows(IllegalArgumentException.class, () -> device.crashPoint(2));
  }

  @Test
  void faultPlansValidateAndDescribeThemselves() {
    assertTrue(IoFaults.none().isNone());
    assertEquals("IoFaults[none]", IoFaults.none().toString());
    assertTrue(IoFaults.builder().rate(IoOp.READ, 0).build().isNone());
    assertThrows(
        IllegalStateException.class, () -> IoFaults.builder().rate(IoOp.READ, 0.1).build());
    assertThrows(IllegalArgumentException.class, () -> IoFaults.builder().rate(IoOp.READ, 1.5));
    assertThrows(IllegalArgumentException.class, () -> IoFaults.builder().rate(IoOp.READ, -0.1));
    assertThrows(
        IllegalArgumentException.class, () -> IoFaults.builder().rate(IoOp.READ, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> IoFaults.builder().failAt(IoOp.READ, -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> IoFaults.builder().failFrom(IoOp.WRITE, 3).failFrom(IoOp.WRITE, 4));
    IoFaults plan =
        IoFaults.builder()
            .failAt(IoOp.WRITE, 3)
            .failFrom(IoOp.FLUSH, 9)
            .rate(IoOp.READ, 1)
            .seed(1)
            .build();
    assertEquals(
        "IoFaults[failAt {WRITE=[3]}, failFrom {FLUSH=9}, rates {READ=1.0}, seed 1]",
        plan.toString());
    assertTrue(plan.fails(IoOp.READ, 12345));
    assertTrue(plan.fails(IoOp.FLUSH, 9));
    assertTrue(!plan.fails(IoOp.FLUSH, 8));
    assertThrows(NullPointerException.class, () -> new FaultyDevice(null));
    assertThrows(
        NullPointerException.class, () -> new FaultyDevice(new MemoryBlockDevice(512, 1), null));
  }
}
