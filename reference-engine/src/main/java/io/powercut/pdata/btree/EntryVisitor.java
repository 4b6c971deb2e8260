package io.powercut.pdata.btree;

import java.io.IOException;

/** Receives the entries of a tree leaf by leaf, in key order. */
@FunctionalInterface
public interface EntryVisitor {
  /** Called for each entry; the value is at {@code data[valueOffset..]}. */
  void visit(long key, byte[] data, int valueOffset) throws IOException;
}
