package io.powercut.fuzz;

import io.powercut.pdata.sm.IndexEntry;

/** A field of a space-map index entry, read and replaced through the {@link IndexEntry} record. */
public enum IndexEntryField {
  BLOCKNR(64),
  NR_FREE(32),
  NONE_FREE_BEFORE(32);

  private final int bits;

  IndexEntryField(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  public long get(IndexEntry e) {
    return switch (this) {
      case BLOCKNR -> e.blocknr();
      case NR_FREE -> e.nrFree();
      case NONE_FREE_BEFORE -> e.noneFreeBefore();
    };
  }

  public IndexEntry with(IndexEntry e, long v) {
    return new IndexEntry(
        this == BLOCKNR ? v : e.blocknr(),
        this == NR_FREE ? v : e.nrFree(),
        this == NONE_FREE_BEFORE ? v : e.noneFreeBefore());
  }
}
