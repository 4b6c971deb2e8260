package io.powercut.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips and every way a log file can be bad. */
class IoLogFormatTest {
  static IoLog sample() {
    IoLog log = new IoLog(512, 8);
    log.appendMark("op 1 begin ✓");
    log.appendWrite(7, IoLogTest.data(1));
    log.appendFua(0, IoLogTest.data(2));
    log.appendFlush();
    log.appendMark("");
    return log;
  }

  static byte[] bytes(IoLog log) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IoLogFormat.write(log, out);
    return out.toByteArray();
  }

  static IoLog parse(byte[] bytes) throws IOException {
    return IoLogFormat.read(new ByteArrayInputStream(bytes), "test.log");
  }

  static String error(byte[] bytes) {
    return assertThrows(IOException.class, () -> parse(bytes)).getMessage();
  }

  static void assertSameLog(IoLog expected, IoLog actual) {
    assertEquals(expected.geometry(), actual.geometry());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.describe(i), actual.describe(i));
      if (expected.isWrite(i)) {
        assertArrayEquals(expected.payload(i), actual.payload(i));
      }
    }
  }

  @Test
  void roundTripsOnJimfsAndOnARealFile(@TempDir Path dir) throws IOException {
    IoLog log = sample();
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      for (Path file : new Path[] {fs.getPath("/run.log"), dir.resolve("run.log")}) {
        IoLogFormat.write(log, file);
        assertSameLog(log, IoLogFormat.read(file));
      }
    }
    assertSameLog(new IoLog(4096, 1), parse(bytes(new IoLog(4096, 1))));
  }

  @Test
  void rejectsABadMagicOrHeader() throws IOException {
    byte[] good = bytes(sample());
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertEquals("test.log: not an IO log (bad magic)", error(magic));
    byte[] header = good.clone();
    header[12] ^= 1;
    assertEquals("test.log: header checksum mismatch", error(header));
    assertEquals("test.log: truncated in the header", error(Arrays.copyOf(good, 27)));
    assertEquals(
        "test.log: unsupported IO log version 2, this reader knows 1", error(header(2, 512, 8)));
    assertTrue(error(header(1, 500, 8)).startsWith("test.log: bad geometry in header: block size"));
  }

  @Test
  void rejectsDamagedRecords() throws IOException {
    byte[] good = bytes(sample());
    // Record 0 is the mark: tag, length, 14 label bytes, CRC. Record 1 is the write.
    int record1 = IoLogFormat.HEADER_BYTES + 1 + 4 + 14 + 4;
    int payload1 = record1 + 1 + 8;
    byte[] flipped = good.clone();
    flipped[payload1 + 100] ^= 0x40;
    assertEquals("test.log: record 1 checksum mismatch", error(flipped));
    assertEquals("test.log: truncated in record 1", error(Arrays.copyOf(good, payload1 + 100)));
    // Cut exactly before the END record: every record is whole, the END is missing.
    assertEquals("test.log: truncated in record 5", error(Arrays.copyOf(good, good.length - 9)));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertEquals("test.log: bytes follow the END record", error(trailing));
  }

  @Test
  void rejectsRecordsThatAreWellFormedButWrong() throws IOException {
    assertEquals(
        "test.log: record 0 has unknown tag 9", error(file(record(0, (byte) 9, new byte[0]))));
    assertEquals(
        "test.log: record 0 writes block 8 of 8",
        error(file(record(0, IoLogFormat.TAG_WRITE, longBytes(8)))));
    assertEquals(
        "test.log: record 0 writes block -1 of 8",
        error(file(record(0, IoLogFormat.TAG_FUA, longBytes(-1)))));
    assertEquals(
        "test.log: record 0 has a label of 65537 bytes, the limit is 65536",
        error(file(record(0, IoLogFormat.TAG_MARK, intBytes(65537)))));
    assertEquals(
        "test.log: record 0 has a label of -1 bytes, the limit is 65536",
        error(file(record(0, IoLogFormat.TAG_MARK, intBytes(-1)))));
    byte[] badUtf8 = ByteBuffer.allocate(5).putInt(1).put((byte) 0xff).array();
    assertEquals(
        "test.log: record 0 label is not valid UTF-8",
        error(file(record(0, IoLogFormat.TAG_MARK, badUtf8))));
    assertEquals(
        "test.log: END record counts 3 entries but 0 precede it",
        error(file(record(0, IoLogFormat.TAG_END, intBytes(3)))));
    // A record valid on its own but placed at another number fails its checksum.
    byte[] flush = record(1, IoLogFormat.TAG_FLUSH, new byte[0]);
    assertEquals("test.log: record 0 checksum mismatch", error(file(flush)));
    byte[] mark = "ok".getBytes(StandardCharsets.UTF_8);
    byte[] markBody = ByteBuffer.allocate(6).putInt(2).put(mark).array();
    IoLog parsed =
        parse(
            file(
                record(0, IoLogFormat.TAG_MARK, markBody),
                record(1, IoLogFormat.TAG_END, intBytes(1))));
    assertEquals("ok", parsed.label(0));
  }

  @Test
  void readsAndWritesThroughFilesOnTheDefaultFileSystem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.log");
    Files.write(file, new byte[] {1, 2, 3});
    var e = assertThrows(IOException.class, () -> IoLogFormat.read(file));
    assertEquals(file + ": truncated in the header", e.getMessage());
  }

  private static byte[] header(int version, int blockSize, long blockCount) {
    ByteBuffer h = ByteBuffer.allocate(IoLogFormat.HEADER_BYTES);
    h.put(IoLogFormat.MAGIC).putInt(version).putInt(blockSize).putLong(blockCount);
    CRC32C crc = new CRC32C();
    crc.update(h.array(), 0, 24);
    return h.putInt((int) crc.getValue()).array();
  }

  // A record as the format describes it, written independently of the main code.
  private static byte[] record(int number, byte tag, byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(5).putInt(number).put(tag).array());
    crc.update(body);
    return ByteBuffer.allocate(1 + body.length + 4)
        .put(tag)
        .put(body)
        .putInt((int) crc.getValue())
        .array();
  }

  private static byte[] file(byte[]... records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header(1, 512, 8));
    for (byte[] r : records) {
      out.write(r);
    }
    return out.toByteArray();
  }

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static byte[] intBytes(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }
}
