package io.powercut.pdata.btree;

import io.powercut.pdata.Le;
import io.powercut.pdata.tm.TransactionManager;
import java.io.IOException;

/**
 * le64 values that are metadata block numbers (the upper levels of a multi-level tree): inc and dec
 * act on the metadata space map.
 */
public final class BlockRefValueType implements ValueType {
  private final TransactionManager tm;

  public BlockRefValueType(TransactionManager tm) {
    this.tm = tm;
  }

  @Override
  public int size() {
    return 8;
  }

  @Override
  public void inc(byte[] data, int off, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      tm.inc(Le.u64(data, off + 8 * i));
    }
  }

  @Override
  public void dec(byte[] data, int off, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      tm.dec(Le.u64(data, off + 8 * i));
    }
  }
}
