package io.powercut.thin;

import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTree;
import io.powercut.pdata.btree.ValueType;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * Top-level mapping values seen as whole device trees (the kernel's tl_info): copying adds a
 * reference to the subtree root; dropping a value releases the whole subtree.
 */
final class SubtreeValueType implements ValueType {
  private final TransactionManager tm;
  private final BTree subtree;

  SubtreeValueType(TransactionManager tm, BTree subtree) {
    this.tm = tm;
    this.subtree = subtree;
  }

  @Override
  public int size() {
    return 8;
  }

  @Override
  public void inc(byte[] d, int off, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      tm.inc(Le.u64(d, off + 8 * i));
    }
  }

  @Override
  public void dec(byte[] d, int off, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      subtree.delete(Le.u64(d, off + 8 * i));
    }
  }
}
