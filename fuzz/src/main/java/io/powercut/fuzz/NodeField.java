package io.powercut.fuzz;

import io.powercut.pdata.block.StampedBlockValidator;
import io.powercut.pdata.btree.BTreeNode;

/** A field of a B-tree node header, at the offset {@link BTreeNode} defines. */
public enum NodeField {
  FLAGS(BTreeNode.FLAGS, 32),
  BLOCKNR(StampedBlockValidator.BLOCKNR_OFFSET, 64),
  NR_ENTRIES(BTreeNode.NR_ENTRIES, 32),
  MAX_ENTRIES(BTreeNode.MAX_ENTRIES, 32),
  VALUE_SIZE(BTreeNode.VALUE_SIZE, 32);

  private final int offset;
  private final int bits;

  NodeField(int offset, int bits) {
    this.offset = offset;
    this.bits = bits;
  }

  public int offset() {
    return offset;
  }

  public int bits() {
    return bits;
  }
}
