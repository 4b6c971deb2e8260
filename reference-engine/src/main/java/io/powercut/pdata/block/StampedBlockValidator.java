package io.powercut.pdata.block;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;

/**
 * The validator shared by every block type that stores a checksum at offset 0 and its own block
 * number at offset 8 (btree nodes, bitmaps, the metadata index). Type-specific checks go in {@link
 * #checkBody}.
 */
public class StampedBlockValidator implements Validator {
  /** Byte offset of the le64 self block number. */
  public static final int BLOCKNR_OFFSET = 8;

  private final String name;
  private final int salt;

  public StampedBlockValidator(String name, int salt) {
    this.name = name;
    this.salt = salt;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The XOR salt of this block type's checksum. */
  public final int salt() {
    return salt;
  }

  @Override
  public final void check(long location, byte[] data) throws CorruptMetadataException {
    long self = Le.u64(data, BLOCKNR_OFFSET);
    if (self != location) {
      throw CorruptMetadataException.expected(location, name + " block number", location, self, "");
    }
    int stored = Checksum.stored(data);
    int computed = Checksum.compute(data, salt);
    if (stored != computed) {
      throw CorruptMetadataException.expected(
          location,
          name + " checksum",
          String.format("0x%08x", computed),
          String.format("0x%08x", stored),
          "");
    }
    checkBody(location, data);
  }

  /** Checks beyond location and checksum; the default has none. */
  protected void checkBody(long location, byte[] data) throws CorruptMetadataException {}

  @Override
  public final void prepareForWrite(long location, byte[] data) {
    Le.putU64(data, BLOCKNR_OFFSET, location);
    Checksum.stamp(data, salt);
  }
}
