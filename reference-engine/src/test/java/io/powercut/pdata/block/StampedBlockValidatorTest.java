package io.powercut.pdata.block;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import org.junit.jupiter.api.Test;

/** Each rule of the stamped-block and btree-node validators, and the typed error each raises. */
class StampedBlockValidatorTest {
  private static byte[] node(int flags, int nr, int max, int valueSize) {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    Le.putU32(d, BTreeNode.FLAGS, flags);
    Le.putU32(d, BTreeNode.NR_ENTRIES, nr);
    Le.putU32(d, BTreeNode.MAX_ENTRIES, max);
    Le.putU32(d, BTreeNode.VALUE_SIZE, valueSize);
    BTreeNode.VALIDATOR.prepareForWrite(17, d);
    return d;
  }

  private static CorruptMetadataException rejected(byte[] d, long at) {
    return assertThrows(CorruptMetadataException.class, () -> BTreeNode.VALIDATOR.check(at, d));
  }

  @Test
  void prepareForWriteStampsBlockNumberAndChecksum() throws Exception {
    byte[] d = node(BTreeNode.LEAF, 0, 252, 8);
    assertEquals(17, Le.u64(d, StampedBlockValidator.BLOCKNR_OFFSET));
    assertEquals(Checksum.compute(d, BTreeNode.CHECKSUM_SALT), Checksum.stored(d));
    assertDoesNotThrow(() -> BTreeNode.VALIDATOR.check(17, d));
  }

  @Test
  void wrongLocationIsNamed() {
    CorruptMetadataException e = rejected(node(BTreeNode.LEAF, 0, 252, 8), 18);
    assertEquals(18, e.block());
    assertEquals("btree node block number", e.rule());
    assertTrue(e.getMessage().contains("expected 18, got 17"), e.getMessage());
  }

  @Test
  void anyFlippedBitFailsTheChecksum() {
    byte[] d = node(BTreeNode.LEAF, 0, 252, 8);
    d[4000] ^= 0x10;
    CorruptMetadataException e = rejected(d, 17);
    assertEquals("btree node checksum", e.rule());
    assertEquals(17, e.block());
  }

  @Test
  void aBitmapIsNotANode() {
    byte[] d = node(BTreeNode.LEAF, 0, 252, 8);
    BitmapBlock.VALIDATOR.prepareForWrite(17, d);
    assertEquals("btree node checksum", rejected(d, 17).rule());
    assertDoesNotThrow(() -> BitmapBlock.VALIDATOR.check(17, d));
  }

  @Test
  void nodeFlagsMustBeExactlyOneType() {
    assertEquals("btree node flags", rejected(node(0, 0, 252, 8), 17).rule());
    assertEquals("btree node flags", rejected(node(3, 0, 252, 8), 17).rule());
    assertDoesNotThrow(() -> BTreeNode.VALIDATOR.check(17, node(BTreeNode.INTERNAL, 1, 252, 8)));
  }

  @Test
  void maxEntriesMustFitTheBlock() {
    assertEquals("btree node max_entries", rejected(node(BTreeNode.LEAF, 0, 255, 8), 17).rule());
    assertEquals("btree node max_entries", rejected(node(BTreeNode.LEAF, 0, 10, 0), 17).rule());
    // Like the kernel's node_check, the validator asks only that max_entries fit; the engine's
    // own shape check and the walker ask for the exact value.
    assertDoesNotThrow(() -> BTreeNode.VALIDATOR.check(17, node(BTreeNode.LEAF, 0, 127, 24)));
  }

  @Test
  void nrEntriesMustNotExceedMax() {
    CorruptMetadataException e = rejected(node(BTreeNode.LEAF, 253, 252, 8), 17);
    assertEquals("btree node nr_entries", e.rule());
    assertTrue(e.getMessage().contains("got 253"), e.getMessage());
    assertDoesNotThrow(() -> BTreeNode.VALIDATOR.check(17, node(BTreeNode.LEAF, 252, 252, 8)));
  }
}
