package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlockGeometryTest {
  @Test
  void acceptsSectorMultiplesUpTo64Sectors() {
    assertEquals(1, new BlockGeometry(512, 1).sectorsPerBlock());
    assertEquals(1L, new BlockGeometry(512, 1).fullSectorMask());
    assertEquals(0xffL, new BlockGeometry(4096, 1).fullSectorMask());
    assertEquals(-1L, new BlockGeometry(BlockDevice.MAX_BLOCK_SIZE, 1).fullSectorMask());
  }

  @Test
  void rejectsBadBlockSizes() {
    for (int size : new int[] {0, -512, 511, 513, 1000, BlockDevice.MAX_BLOCK_SIZE + 512}) {
      assertThrows(IllegalArgumentException.class, () -> new BlockGeometry(size, 1), "" + size);
    }
  }

  @Test
  void rejectsBadBlockCounts() {
    assertThrows(IllegalArgumentException.class, () -> new BlockGeometry(512, 0));
    assertThrows(IllegalArgumentException.class, () -> new BlockGeometry(512, -1));
    // The byte size must fit a long so that file offsets cannot overflow.
    assertThrows(
        IllegalArgumentException.class, () -> new BlockGeometry(4096, Long.MAX_VALUE / 4096 + 1));
    new BlockGeometry(4096, Long.MAX_VALUE / 4096);
  }

  @Test
  void checkSameNamesBothGeometries() {
    BlockGeometry g = new BlockGeometry(512, 8);
    g.checkSame(new BlockGeometry(512, 8), "x");
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> g.checkSame(new BlockGeometry(1024, 8), "other"));
    assertEquals(
        "other has geometry BlockGeometry[blockSize=1024, blockCount=8], expected "
            + "BlockGeometry[blockSize=512, blockCount=8]",
        e.getMessage());
  }
}
