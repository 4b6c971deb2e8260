package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class AccessTrackingDeviceTest {
  private static BitSet bits(int... blocks) {
    BitSet b = new BitSet();
    for (int x : blocks) {
      b.set(x);
    }
    return b;
  }

  @Test
  void remembersTheBlocksReadAndWrittenApart() throws IOException {
    MemoryBlockDevice inner = new MemoryBlockDevice(512, 8);
    AccessTrackingDevice d = new AccessTrackingDevice(inner);
    byte[] data = new byte[512];
    data[0] = 7;
    d.write(2, data);
    d.writeFua(5, data);
    d.flush();
    byte[] dst = new byte[512];
    d.read(2, dst);
    d.read(3, dst);
    assertEquals(bits(2, 5), d.blocksWritten());
    assertEquals(bits(2, 3), d.blocksRead());
    inner.read(5, dst);
    assertArrayEquals(data, dst, "the write reached the inner device");
  }

  @Test
  void aFailedIoIsNotRecorded() {
    AccessTrackingDevice d = new AccessTrackingDevice(new MemoryBlockDevice(512, 8));
    byte[] data = new byte[512];
    assertThrows(IllegalArgumentException.class, () -> d.write(8, data));
    assertThrows(IllegalArgumentException.class, () -> d.read(-1, data));
    assertEquals(new BitSet(), d.blocksWritten());
    assertEquals(new BitSet(), d.blocksRead());
  }

  @Test
  void theSetsAreCopies() throws IOException {
    AccessTrackingDevice d = new AccessTrackingDevice(new MemoryBlockDevice(512, 8));
    d.write(1, new byte[512]);
    d.blocksWritten().set(4);
    assertEquals(bits(1), d.blocksWritten());
  }

  @Test
  void refusesADeviceTooLargeToTrack() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AccessTrackingDevice(new MemoryBlockDevice(512, Integer.MAX_VALUE + 1L)));
  }
}
