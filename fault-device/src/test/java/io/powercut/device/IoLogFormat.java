package io.powercut.device;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The binary file format of an {@link IoLog}. All integers are big-endian.
 *
 * <pre>
 * header  magic "PWRCTLOG" (8 bytes) | version u32 = 1 | block size u32 | block count u64
 *         | CRC32C u32 of the 24 bytes before it
 * record  tag u8 | body | CRC32C u32 of (record number u32, tag, body)
 *         tag 1 WRITE, 2 FUA: block u64 | payload (block size bytes)
 *         tag 3 FLUSH:        (empty)
 *         tag 4 MARK:         length u32 | label in UTF-8 (length bytes)
 *         tag 0x7F END:       entry count u32; the last record, nothing may follow it
 * </pre>
 *
 * The record number inside each CRC catches records that were reordered, dropped or duplicated; the
 * END record catches a file cut at a record boundary.
 *
 * <p>Test-side only: the checker reproduces a run by re-running its workload, so nothing in
 * production saves a log. Tests save one to prove that the log alone, with the initial image,
 * replays the run and its crash states exactly ({@code CrashModelPropertiesTest}).
 */
final class IoLogFormat {
  static final byte[] MAGIC = {'P', 'W', 'R', 'C', 'T', 'L', 'O', 'G'};
  static final int VERSION = 1;
  static final int HEADER_BYTES = 28;
  static final byte TAG_WRITE = 1;
  static final byte TAG_FUA = 2;
  static final byte TAG_FLUSH = 3;
  static final byte TAG_MARK = 4;
  static final byte TAG_END = 0x7F;

  private IoLogFormat() {}

  static void write(IoLog log, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(log, out);
    }
  }

  /** Reads a log written by {@link #write}; throws an {@link IOException} naming the problem. */
  static IoLog read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString());
    }
  }

  static void write(IoLog log, OutputStream out) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putInt(VERSION).putInt(log.blockSize()).putLong(log.blockCount());
    header.putInt(crc(header.array(), 0, HEADER_BYTES - 4));
    out.write(header.array());

    ByteBuffer fixed = ByteBuffer.allocate(4 + 1 + 8);
    int size = log.size();
    for (int i = 0; i < size; i++) {
      fixed.clear().putInt(i);
      byte[] body = null;
      switch (log.kind(i)) {
        case WRITE, FUA -> {
          fixed.put(log.kind(i) == IoLog.Kind.WRITE ? TAG_WRITE : TAG_FUA).putLong(log.block(i));
          body = log.payloadRef(i);
        }
        case FLUSH -> fixed.put(TAG_FLUSH);
        case MARK -> {
          body = log.label(i).getBytes(StandardCharsets.UTF_8);
          fixed.put(TAG_MARK).putInt(body.length);
        }
      }
      writeRecord(out, fixed, body);
    }
    fixed.clear().putInt(size).put(TAG_END).putInt(size);
    writeRecord(out, fixed, null);
  }

  // The record number (the first 4 bytes of fixed) is covered by the CRC but not written.
  private static void writeRecord(OutputStream out, ByteBuffer fixed, byte[] body)
      throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(fixed.array(), 0, fixed.position());
    out.write(fixed.array(), 4, fixed.position() - 4);
    if (body != null) {
      crc.update(body);
      out.write(body);
    }
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  static IoLog read(InputStream in, String source) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[HEADER_BYTES];
    readFully(data, header, source, "the header");
    ByteBuffer h = ByteBuffer.wrap(header);
    byte[] magic = new byte[MAGIC.length];
    h.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException(source + ": not an IO log (bad magic)");
    }
    int version = h.getInt();
    int blockSize = h.getInt();
    long blockCount = h.getLong();
    int storedCrc = h.getInt();
    if (storedCrc != crc(header, 0, HEADER_BYTES - 4)) {
      throw new IOException(source + ": header checksum mismatch");
    }
    if (version != VERSION) {
      throw new IOException(
          source + ": unsupported IO log version " + version + ", this reader knows " + VERSION);
    }
    IoLog log;
    try {
      log = new IoLog(blockSize, blockCount);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": bad geometry in header: " + e.getMessage(), e);
    }

    ByteBuffer fixed = ByteBuffer.allocate(4 + 1 + 8);
    // Bounded: every record but END appends an entry, and the log refuses more than MAX_ENTRIES.
    for (int record = 0; ; record++) {
      String where = "record " + record;
      fixed.clear().putInt(record);
      byte tag = (byte) readByte(data, source, where);
      if (tag != TAG_END && record == IoLog.MAX_ENTRIES) {
        throw new IOException(source + ": more than " + IoLog.MAX_ENTRIES + " entries");
      }
      fixed.put(tag);
      byte[] body = null;
      long block = -1;
      switch (tag) {
        case TAG_WRITE, TAG_FUA -> {
          block = readLong(data, source, where);
          fixed.putLong(block);
          if (block < 0 || block >= blockCount) {
            throw new IOException(
                source + ": " + where + " writes block " + block + " of " + blockCount);
          }
          body = new byte[blockSize];
          readFully(data, body, source, where);
        }
        case TAG_FLUSH -> {}
        case TAG_MARK -> {
          int length = readInt(data, source, where);
          fixed.putInt(length);
          if (length < 0 || length > IoLog.MAX_LABEL_BYTES) {
            throw new IOException(
                source
                    + ": "
                    + where
                    + " has a label of "
                    + length
                    + " bytes, the limit is "
                    + IoLog.MAX_LABEL_BYTES);
          }
          body = new byte[length];
          readFully(data, body, source, where);
        }
        case TAG_END -> fixed.putInt(readInt(data, source, where));
        default -> throw new IOException(source + ": " + where + " has unknown tag " + tag);
      }
      CRC32C crc = new CRC32C();
      crc.update(fixed.array(), 0, fixed.position());
      if (body != null) {
        crc.update(body);
      }
      if (readInt(data, source, where) != (int) crc.getValue()) {
        throw new IOException(source + ": " + where + " checksum mismatch");
      }
      switch (tag) {
        case TAG_WRITE -> log.appendWrite(block, body);
        case TAG_FUA -> log.appendFua(block, body);
        case TAG_FLUSH -> log.appendFlush();
        case TAG_MARK -> log.appendMark(decodeLabel(body, source, where));
        default -> {
          int count = fixed.getInt(5);
          if (count != record) {
            throw new IOException(
                source + ": END record counts " + count + " entries but " + record + " precede it");
          }
          if (data.read() != -1) {
            throw new IOException(source + ": bytes follow the END record");
          }
          return log;
        }
      }
    }
  }

  private static String decodeLabel(byte[] bytes, String source, String where) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(source + ": " + where + " label is not valid UTF-8", e);
    }
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  private static void readFully(DataInputStream in, byte[] dst, String source, String where)
      throws IOException {
    try {
      in.readFully(dst);
    } catch (EOFException e) {
      throw truncated(source, where, e);
    }
  }

  private static int readByte(DataInputStream in, String source, String where) throws IOException {
    try {
      return in.readUnsignedByte();
    } catch (EOFException e) {
      throw truncated(source, where, e);
    }
  }

  private static int readInt(DataInputStream in, String source, String where) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw truncated(source, where, e);
    }
  }

  private static long readLong(DataInputStream in, String source, String where) throws IOException {
    try {
      return in.readLong();
    } catch (EOFException e) {
      throw truncated(source, where, e);
    }
  }

  private static IOException truncated(String source, String where, EOFException cause) {
    return new IOException(source + ": truncated in " + where, cause);
  }
}
