package io.powercut.checker.volume;

import io.powercut.checker.volume.SectorContent.Stamp;
import io.powercut.device.BlockDevice;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Self-identifying sector content, so a read-back sector tells which write it came from: each
 * stamped 512-byte sector holds a magic number, the writer's volume, the sector, the write's
 * sequence number, a filler drawn from those, and a CRC32C of everything before it. A sector is
 * then decoded as one version, zeros, or garbage (a single flipped bit fails the checksum).
 *
 * <p>Layout: magic (8 bytes), volume, sector, seq (8 bytes each, big-endian), filler up to byte
 * 508, CRC32C of bytes 0-507 (4 bytes).
 */
public final class SectorStamp {
  public static final int SECTOR = BlockDevice.SECTOR_SIZE;

  /** Sectors in a 4 KiB block, the unit volumes are written in. */
  public static final int SECTORS_PER_BLOCK = BlockDevice.DEFAULT_BLOCK_SIZE / SECTOR;

  private static final long MAGIC = 0x5043_5354_414d_5031L; // "PCSTAMP1"
  private static final int HEADER = 32;
  private static final int CRC_AT = SECTOR - Integer.BYTES;

  private SectorStamp() {}

  /** The 512 bytes of {@code stamp}. */
  public static byte[] sector(Stamp stamp) {
    ByteBuffer b = ByteBuffer.allocate(SECTOR);
    b.putLong(MAGIC).putLong(stamp.volume()).putLong(stamp.sector()).putLong(stamp.seq());
    // The filler varies with the stamp so that no two versions share long runs of bytes.
    SplittableRandom filler =
        new SplittableRandom(
            stamp.volume() * 0x9E37_79B9_7F4A_7C15L ^ stamp.sector() << 20 ^ stamp.seq());
    for (int i = HEADER; i < CRC_AT; i++) {
      b.put((byte) filler.nextInt(256));
    }
    b.putInt(crc(b.array()));
    return b.array();
  }

  /**
   * The 4 KiB block {@code block} of {@code volume} as its write {@code seq} fills it: its 8
   * sectors, each stamped with its own sector number.
   */
  public static byte[] block(long volume, long block, long seq) {
    if (block < 0) {
      throw new IllegalArgumentException("block: expected >= 0, got " + block);
    }
    byte[] out = new byte[BlockDevice.DEFAULT_BLOCK_SIZE];
    for (int i = 0; i < SECTORS_PER_BLOCK; i++) {
      byte[] s = sector(new Stamp(volume, block * SECTORS_PER_BLOCK + i, seq));
      System.arraycopy(s, 0, out, i * SECTOR, SECTOR);
    }
    return out;
  }

  /** Decodes sector {@code index} of {@code buffer} (a whole number of sectors). */
  public static SectorContent decode(byte[] buffer, int index) {
    if (buffer.length % SECTOR != 0 || index < 0 || (index + 1) * SECTOR > buffer.length) {
      throw new IllegalArgumentException(
          "decode: expected sector index within a buffer of whole sectors, got index "
              + index
              + " of "
              + buffer.length
              + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(buffer, index * SECTOR, SECTOR).slice();
    if (allZero(buffer, index * SECTOR)) {
      return SectorContent.ZEROS;
    }
    if (b.getLong(0) != MAGIC) {
      return SectorContent.GARBAGE;
    }
    byte[] own = new byte[SECTOR];
    b.get(0, own);
    if (b.getInt(CRC_AT) != crc(own)) {
      return SectorContent.GARBAGE;
    }
    long volume = b.getLong(8);
    long sector = b.getLong(16);
    long seq = b.getLong(24);
    if (volume < 0 || sector < 0 || seq < 0) {
      return SectorContent.GARBAGE;
    }
    return new Stamp(volume, sector, seq);
  }

  private static boolean allZero(byte[] buffer, int from) {
    for (int i = from; i < from + SECTOR; i++) {
      if (buffer[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int crc(byte[] sector) {
    CRC32C c = new CRC32C();
    c.update(sector, 0, CRC_AT);
    return (int) c.getValue();
  }
}
