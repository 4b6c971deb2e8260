package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ForwardingBlockDeviceTest {
  @Test
  void everyCallReachesTheInnerDevice() throws IOException {
    FaultyDevice inner = new FaultyDevice(new MemoryBlockDevice(512, 4));
    BlockDevice d = new ForwardingBlockDevice(inner) {};
    assertEquals(512, d.blockSize());
    assertEquals(4, d.blockCount());
    byte[] a = new byte[512];
    a[0] = 1;
    d.write(1, a);
    d.writeFua(2, a);
    d.flush();
    byte[] got = new byte[512];
    d.read(1, got);
    assertArrayEquals(a, got);
    assertEquals(2, inner.operations(IoOp.WRITE));
    assertEquals(1, inner.operations(IoOp.FLUSH));
    d.close();
    assertThrows(IllegalStateException.class, () -> inner.flush());
  }
}
