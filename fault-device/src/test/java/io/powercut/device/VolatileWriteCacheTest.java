package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.property.junit.Property;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class VolatileWriteCacheTest {
  @Test
  void tracksVersionsPerBlockUntilFuaOrFlush() {
    VolatileWriteCache cache = new VolatileWriteCache();
    cache.write(0, 5);
    cache.write(2, 7);
    cache.write(3, 5);
    cache.write(6, 1);
    assertEquals(4, cache.size());
    assertArrayEquals(new int[] {0, 3}, cache.versions(5));
    assertArrayEquals(new int[] {}, cache.versions(9));
    assertArrayEquals(new long[] {1, 5, 7}, cache.blocks());
    assertEquals("VolatileWriteCache[4 writes to 3 blocks]", cache.toString());

    cache.fua(5);
    assertArrayEquals(new int[] {2, 6}, cache.unflushedWrites());
    cache.fua(9); // no cached versions: nothing changes
    assertEquals(2, cache.size());
    cache.flush();
    assertEquals(0, cache.size());
    assertArrayEquals(new long[] {}, cache.blocks());
  }

  @Test
  void indicesMustAscend() {
    VolatileWriteCache cache = new VolatileWriteCache();
    cache.write(4, 0);
    assertThrows(IllegalArgumentException.class, () -> cache.write(4, 1));
    assertThrows(IllegalArgumentException.class, () -> cache.write(2, 1));
  }

  /** The cache rebuilt from the log at any position equals the one a device kept live. */
  @Test
  void rebuildingFromTheLogMatchesTheLiveCache() {
    Property.forAll(Workload.ops(6, 60))
        .seeds(200)
        .check(
            ops -> {
              FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 6));
              for (Workload.Op op : ops) {
                Workload.apply(op, device);
                int[] live = device.crashPoint().unflushedWrites();
                assertEquals(device.unflushedWrites(), live.length);
                assertArrayEquals(
                    live,
                    VolatileWriteCache.at(device.log(), device.log().size()).unflushedWrites());
                assertArrayEquals(
                    live,
                    CrashPoint.of(device.pristine(), device.log(), device.log().size())
                        .unflushedWrites());
              }
            });
  }

  @Test
  void rebuildingAtEarlierPositions() throws IOException {
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(512, 4));
    byte[] data = new byte[512];
    device.write(0, data); // 0
    device.write(1, data); // 1
    device.writeFua(0, data); // 2
    device.flush(); // 3
    device.write(2, data); // 4
    assertArrayEquals(new int[] {0, 1}, device.crashPoint(2).unflushedWrites());
    assertArrayEquals(new int[] {1}, device.crashPoint(3).unflushedWrites());
    assertArrayEquals(new int[] {}, device.crashPoint(4).unflushedWrites());
    assertArrayEquals(new int[] {4}, device.crashPoint(5).unflushedWrites());
  }
}
