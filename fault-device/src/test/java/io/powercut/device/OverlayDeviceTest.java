package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OverlayDeviceTest {
  private static byte[] filled(int value) {
    byte[] b = new byte[512];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void writesStayInTheOverlayAndTheDeviceBelowIsNeverWrittenNorClosed() throws IOException {
    MemoryBlockDevice below = new MemoryBlockDevice(512, 4);
    below.write(1, filled(1));
    AccessTrackingDevice tracked = new AccessTrackingDevice(below);
    OverlayDevice overlay = new OverlayDevice(tracked);
    overlay.write(1, filled(7));
    overlay.flush();
    byte[] b = new byte[512];
    overlay.read(1, b);
    assertArrayEquals(filled(7), b);
    overlay.read(2, b);
    assertArrayEquals(filled(0), b);
    overlay.close();
    below.read(1, b);
    assertArrayEquals(filled(1), b, "the device below kept its content");
    // Only block 2 went down to the device below: block 1 came from the overlay.
    assertArrayEquals(new long[] {2}, tracked.blocksRead().stream().asLongStream().toArray());
  }

  @Test
  void accessesOutsideTheDeviceAreRefused() {
    OverlayDevice overlay = new OverlayDevice(new MemoryBlockDevice(512, 4));
    assertThrows(IllegalArgumentException.class, () -> overlay.write(4, filled(0)));
    assertThrows(IllegalArgumentException.class, () -> overlay.read(0, new byte[10]));
  }
}
