package io.powercut.thin;

import io.powercut.pdata.Le;
import io.powercut.pdata.btree.ValueType;
import io.powercut.pdata.sm.SpaceMap;
import java.io.IOException;

/**
 * Mapping leaf values (block_time): each references a data block in the data space map. Two values
 * are equal when they map the same data block, whatever their time.
 */
final class MappingValueType implements ValueType {
  private final SpaceMap dataSm;

  MappingValueType(SpaceMap dataSm) {
    this.dataSm = dataSm;
  }

  @Override
  public int size() {
    return 8;
  }

  @Override
  public void inc(byte[] d, int off, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      dataSm.inc(BlockTime.dataBlock(Le.u64(d, off + 8 * i)));
    }
  }

  @Override
  public void dec(byte[] d, int off, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      dataSm.dec(BlockTime.dataBlock(Le.u64(d, off + 8 * i)));
    }
  }

  @Override
  public boolean equal(byte[] a, int aOff, byte[] b, int bOff) {
    return BlockTime.dataBlock(Le.u64(a, aOff)) == BlockTime.dataBlock(Le.u64(b, bOff));
  }
}
