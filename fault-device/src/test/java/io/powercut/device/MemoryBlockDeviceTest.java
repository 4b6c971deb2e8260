package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MemoryBlockDeviceTest {
  @Test
  void aTebibyteDeviceCostsOnlyItsWrittenBlocks() {
    long blocks = (1L << 40) / BlockDevice.DEFAULT_BLOCK_SIZE;
    MemoryBlockDevice device = new MemoryBlockDevice(blocks);
    assertEquals(BlockDevice.DEFAULT_BLOCK_SIZE, device.blockSize());
    byte[] data = new byte[device.blockSize()];
    Arrays.fill(data, (byte) 3);
    device.write(blocks - 1, data);
    byte[] dst = new byte[device.blockSize()];
    device.read(blocks - 1, dst);
    assertArrayEquals(data, dst);
    device.read(blocks / 2, dst);
    assertArrayEquals(new byte[device.blockSize()], dst);
    assertEquals(
        "MemoryBlockDevice[" + BlockGeometry.of(device) + ", 1 non-zero blocks]", "" + device);
    // Writing zeros frees the block again.
    device.write(blocks - 1, new byte[device.blockSize()]);
    assertEquals(
        "MemoryBlockDevice[" + BlockGeometry.of(device) + ", 0 non-zero blocks]", "" + device);
  }

  @Test
  void copiesAreIndependent() {
    MemoryBlockDevice original = new MemoryBlockDevice(512, 4);
    byte[] one = new byte[512];
    Arrays.fill(one, (byte) 1);
    byte[] two = new byte[512];
    Arrays.fill(two, (byte) 2);
    original.write(0, one);
    MemoryBlockDevice copy = original.copy();
    original.write(0, two);
    copy.write(1, two);
    byte[] dst = new byte[512];
    copy.read(0, dst);
    assertArrayEquals(one, dst);
    original.read(1, dst);
    assertArrayEquals(new byte[512], dst);
    original.close();
    copy.read(1, dst);
    assertArrayEquals(two, dst);
    assertThrows(IllegalStateException.class, original::copy);
  }
}
