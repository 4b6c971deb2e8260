package io.powercut.pdata.block;

import io.powercut.pdata.Le;
import java.util.zip.CRC32C;

/**
 * The metadata checksum: CRC-32C over bytes [4, blockSize) of the block, seeded with ~0 and left
 * un-inverted as the kernel computes it, XORed with a salt that differs per block type. The JDK's
 * CRC32C applies the final inversion, so we undo it.
 */
public final class Checksum {
  /** Byte offset of the le32 checksum in every metadata block. */
  public static final int OFFSET = 0;

  /** First byte the checksum covers. */
  public static final int COVERED_FROM = 4;

  private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

  private Checksum() {}

  /** The checksum the kernel stores for {@code data} with the given per-type salt. */
  public static int compute(byte[] data, int salt) {
    CRC32C crc = CRC.get();
    crc.reset();
    crc.update(data, COVERED_FROM, data.length - COVERED_FROM);
    return ~(int) crc.getValue() ^ salt;
  }

  /** The checksum stored in the block. */
  public static int stored(byte[] data) {
    return Le.i32(data, OFFSET);
  }

  /** Computes and stores the checksum. */
  public static void stamp(byte[] data, int salt) {
    Le.putU32(data, OFFSET, compute(data, salt));
  }
}
