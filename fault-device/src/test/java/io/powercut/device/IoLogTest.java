package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IoLogTest {
  static byte[] data(int value) {
    byte[] bytes = new byte[512];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void recordsEntriesInOrderWithCopiedPayloads() {
    IoLog log = new IoLog(512, 8);
    byte[] src = data(1);
    assertEquals(0, log.appendWrite(3, src));
    src[0] = 42;
    assertEquals(1, log.appendFua(4, data(2)));
    assertEquals(2, log.appendFlush());
    assertEquals(3, log.appendMark("commit begin"));
    assertEquals(4, log.size());

    assertEquals(IoLog.Kind.WRITE, log.kind(0));
    assertTrue(log.isWrite(0));
    assertTrue(log.isWrite(1));
    assertFalse(log.isWrite(2));
    assertEquals(3, log.block(0));
    assertArrayEquals(data(1), log.payload(0));
    log.payload(0)[0] = 9; // the accessor hands out copies
    byte[] dst = new byte[512];
    log.readPayload(0, dst);
    assertArrayEquals(data(1), dst);
    assertEquals("commit begin", log.label(3));
    assertEquals("0 WRITE block 3", log.describe(0));
    assertEquals("1 FUA block 4", log.describe(1));
    assertEquals("2 FLUSH", log.describe(2));
    assertEquals("3 MARK \"commit begin\"", log.describe(3));
    assertEquals("IoLog[4 entries, BlockGeometry[blockSize=512, blockCount=8]]", log.toString());
  }

  @Test
  void accessorsRefuseTheWrongKindOrIndex() {
    IoLog log = new IoLog(512, 8);
    log.appendFlush();
    log.appendMark("m");
    log.appendWrite(0, data(1));
    var e = assertThrows(IllegalArgumentException.class, () -> log.block(0));
    assertEquals("entry 0 is a FLUSH, not a WRITE or FUA", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> log.payload(1));
    assertThrows(IllegalArgumentException.class, () -> log.label(2));
    assertThrows(IllegalArgumentException.class, () -> log.kind(3));
    assertThrows(IllegalArgumentException.class, () -> log.kind(-1));
    assertThrows(IllegalArgumentException.class, () -> log.appendWrite(8, data(1)));
    assertThrows(IllegalArgumentException.class, () -> log.appendFua(0, new byte[511]));
    assertThrows(IllegalArgumentException.class, () -> log.checkPosition(4));
    assertThrows(IllegalArgumentException.class, () -> log.lastFlushBefore(-1));
    assertThrows(NullPointerException.class, () -> log.appendMark(null));
    assertThrows(NullPointerException.class, () -> new IoLog(null));
  }

  @Test
  void labelsAreLimitedInUtf8Bytes() {
    IoLog log = new IoLog(512, 1);
    log.appendMark("x".repeat(IoLog.MAX_LABEL_BYTES));
    // Each "é" is two UTF-8 bytes.
    assertThrows(
        IllegalArgumentException.class,
        () -> log.appendMark("é".repeat(IoLog.MAX_LABEL_BYTES / 2 + 1)));
  }

  @Test
  void durableVersionIsTheLaterOfTheLastFlushedWriteAndTheLastFua() {
    IoLog log = new IoLog(512, 8);
    log.appendWrite(1, data(1)); // 0
    log.appendFlush(); // 1
    log.appendWrite(1, data(2)); // 2
    log.appendFua(1, data(3)); // 3
    log.appendWrite(1, data(4)); // 4
    log.appendFua(2, data(5)); // 5
    log.appendWrite(2, data(6)); // 6
    log.appendFlush(); // 7
    log.appendMark("end"); // 8

    assertEquals(-1, log.durableVersion(1, 0));
    assertEquals(-1, log.durableVersion(1, 1)); // the flush has not completed yet
    assertEquals(0, log.durableVersion(1, 2));
    assertEquals(0, log.durableVersion(1, 3));
    assertEquals(3, log.durableVersion(1, 4));
    assertEquals(3, log.durableVersion(1, 7));
    assertEquals(4, log.durableVersion(1, 8));
    assertEquals(5, log.durableVersion(2, 6));
    assertEquals(6, log.durableVersion(2, 9));
    assertEquals(-1, log.durableVersion(7, 9));

    assertEquals(-1, log.lastFlushBefore(1));
    assertEquals(1, log.lastFlushBefore(2));
    assertEquals(7, log.lastFlushBefore(9));
    assertEquals(4, log.latestWriteBefore(1, 9));
    assertEquals(-1, log.latestWriteBefore(1, 0));
    assertArrayEquals(new long[] {}, log.blocksWrittenBefore(0));
    assertArrayEquals(new long[] {1}, log.blocksWrittenBefore(5));
    assertArrayEquals(new long[] {1, 2}, log.blocksWrittenBefore(9));
  }

  @Test
  void replayReissuesTheRunUpToAPosition() throws IOException {
    IoLog log = new IoLog(512, 4);
    log.appendWrite(0, data(1));
    log.appendMark("between");
    log.appendFua(1, data(2));
    log.appendFlush();
    log.appendWrite(0, data(3));

    MemoryBlockDevice plain = new MemoryBlockDevice(512, 4);
    log.replay(plain, 4);
    byte[] dst = new byte[512];
    plain.read(0, dst);
    assertArrayEquals(data(1), dst);

    FaultyDevice faulty = new FaultyDevice(new MemoryBlockDevice(512, 4));
    log.replay(faulty, log.size());
    IoLog copy = faulty.log();
    assertEquals(log.size(), copy.size());
    for (int i = 0; i < log.size(); i++) {
      assertEquals(log.describe(i), copy.describe(i));
    }
    assertThrows(
        IllegalArgumentException.class, () -> log.replay(new MemoryBlockDevice(512, 5), 1));
  }
}
