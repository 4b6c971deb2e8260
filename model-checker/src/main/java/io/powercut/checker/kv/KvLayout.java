package io.powercut.checker.kv;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The store's on-disk format, one device block per slot (512 bytes on its own device, 4 KiB on a
 * thin volume). Block 0 is the header: magic, then the sequence number of the last committed
 * record. Block {@code n >= 1} is record {@code n}: magic, its sequence number {@code n}, key,
 * value. All fields are big-endian 64-bit; the rest is zero.
 */
final class KvLayout {
  /** The block size of the store's own device. */
  static final int BLOCK_SIZE = 512;

  /** Bytes of a slot's fields; a device block must hold them. */
  static final int SLOT_BYTES = 4 * Long.BYTES;

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
    device.write(HEADER, encode(device, MAGIC, lastSeq, 0, 0));
  }

  static void writeRecord(BlockDevice device, long seq, long key, long value) throws IOException {
    if (seq < 1 || seq >= device.blockCount()) {
      throw new IllegalArgumentException("record " + seq + " is outside the log");
    }
    device.write(seq, encode(device, MAGIC, seq, key, value));
  }

  static Slot read(BlockDevice device, long block) throws IOException {
    byte[] d = new byte[device.blockSize()];
    device.read(block, d);
    ByteBuffer b = ByteBuffer.wrap(d);
    return new Slot(b.getLong(), b.getLong(), b.getLong(), b.getLong());
  }

  private static byte[] encode(BlockDevice device, long magic, long seq, long key, long value) {
    return ByteBuffer.allocate(device.blockSize())
        .putLong(magic)
        .putLong(seq)
        .putLong(key)
        .putLong(value)
        .array();
  }
}
