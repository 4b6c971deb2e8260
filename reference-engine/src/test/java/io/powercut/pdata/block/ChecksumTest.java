package io.powercut.pdata.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.thin.Superblock;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The test vectors of FORMAT.md §1, verified there against the real tools. */
class ChecksumTest {
  @Test
  void jdkCrc32cIsTheStandardOne() {
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertEquals(0xE3069283L, crc.getValue());
  }

  @Test
  void zeroPayloadGivesTheDocumentedChecksumPerBlockType() {
    byte[] zeros = new byte[BlockManager.BLOCK_SIZE];
    assertEquals(0x58CDA791, Checksum.compute(zeros, 0), "raw, un-inverted crc");
    assertEquals(0x58CFD397, Checksum.compute(zeros, Superblock.CHECKSUM_SALT));
    assertEquals(0x58CC7E82, Checksum.compute(zeros, BTreeNode.CHECKSUM_SALT));
    assertEquals(0x58CE0B1A, Checksum.compute(zeros, BitmapBlock.CHECKSUM_SALT));
    assertEquals(0x58CFD54F, Checksum.compute(zeros, MetadataIndexBlock.CHECKSUM_SALT));
  }

  @Test
  void coversEveryByteFromOffsetFourButNotTheChecksumItself() {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    int base = Checksum.compute(d, 7);
    d[0] = 1; // the checksum field is not covered
    d[3] = 1;
    assertEquals(base, Checksum.compute(d, 7));
    d[BlockManager.BLOCK_SIZE - 1] = 1; // slack space at the end is covered
    assertNotEquals(base, Checksum.compute(d, 7));
    d[BlockManager.BLOCK_SIZE - 1] = 0;
    d[4] = 1;
    assertNotEquals(base, Checksum.compute(d, 7));
  }

  @Test
  void stampStoresTheChecksumLittleEndianAtOffsetZero() {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    Checksum.stamp(d, BTreeNode.CHECKSUM_SALT);
    assertEquals(0x58CC7E82, Checksum.stored(d));
    assertEquals((byte) 0x82, d[0]);
    assertEquals((byte) 0x58, d[3]);
  }
}
