package io.powercut.pdata.block;

import io.powercut.pdata.CorruptMetadataException;

/**
 * Stamps and verifies one type of metadata block. Each on-disk block type has exactly one
 * validator, owned by the class that owns its layout.
 */
public interface Validator {
  /** A short name of the block type for error messages, e.g. "btree node". */
  String name();

  /** Throws if the block read from {@code location} breaks a rule of its type. */
  void check(long location, byte[] data) throws CorruptMetadataException;

  /** Fills in the self-describing fields (block number, checksum) just before a write. */
  void prepareForWrite(long location, byte[] data);
}
