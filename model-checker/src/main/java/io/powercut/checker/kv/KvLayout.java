package io.powercut.checker.kv;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The store's on-disk format, one 512-byte block per slot. Block 0 is the header: magic, then the
 * sequence number of the last committed record. Block {@code n >= 1} is record {@code n}: magic,
 * its sequence number {@code n}, key, value. All fields are big-endian 64-bit; the rest is zero.
 */
final class KvLayout {
  static final int BLOCK_SIZE = 512;
  static final long MAGIC = 0x57414C4BL; // "WALK"
  static final long HEADER = 0;

  private KvLayout() {}

  /** A slot as four fields. */
  record Slot(long magic, long seq, long key, long value) {
    boolean isRecord(long n) {
      return magic == MAGIC && seq == n;
    }
  }

  static void writeHeader(BlockDevice device, long lastSeq) throws IOException {
    device.write(HEADER, encode(MAGIC, lastSeq, 0, 0));
  }

  static void writeRecord(BlockDevice device, long seq, long key, long value) throws IOException {
    if (seq < 1 || seq >= device.blockCount()) {
      throw new IllegalArgumentException("record " + seq + " is outside the log");
    }
    device.write(seq, encode(MAGIC, seq, key, value));
  }

  static Slot read(BlockDevice device, long block) throws IOException {
    byte[] d = new byte[BLOCK_SIZE];
    device.read(block, d);
    ByteBuffer b = ByteBuffer.wrap(d);
    return new Slot(b.getLong(), b.getLong(), b.getLong(), b.getLong());
  }

  private static byte[] encode(long magic, long seq, long key, long value) {
    return ByteBuffer.allocate(BLOCK_SIZE)
        .putLong(magic)
        .putLong(seq)
        .putLong(key)
        .putLong(value)
        .array();
  }
}
