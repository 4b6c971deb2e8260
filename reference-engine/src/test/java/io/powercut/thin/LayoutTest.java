package io.powercut.thin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Validator;
import io.powercut.pdata.sm.SpaceMapRoot;
import org.junit.jupiter.api.Test;

/** The superblock, details and block_time layouts of FORMAT.md §2 and §3.5. */
class LayoutTest {
  static Superblock sample() {
    byte[] uuid = new byte[16];
    for (int i = 0; i < 16; i++) {
      uuid[i] = (byte) (i + 1);
    }
    return new Superblock(
        1,
        0,
        uuid,
        Superblock.MAGIC,
        2,
        0x01020304L,
        0x1122334455667788L,
        77,
        new SpaceMapRoot(1000, 10, 11, 12),
        new SpaceMapRoot(2048, 20, 21, 22),
        31,
        32,
        128,
        8,
        2048,
        0,
        0,
        0);
  }

  @Test
  void superblockFieldsSitAtTheirOffsets() {
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    java.util.Arrays.fill(d, (byte) 0x55);
    sample().write(d);
    assertEquals(1, Le.u32(d, 4), "flags");
    assertEquals(0, Le.u64(d, 8), "blocknr");
    assertEquals(1, d[16], "uuid");
    assertEquals(16, d[31], "uuid end");
    assertEquals(27022010, Le.u64(d, 32), "magic");
    assertEquals(2, Le.u32(d, 40), "version");
    assertEquals(0x01020304L, Le.u32(d, 44), "time");
    assertEquals(0x1122334455667788L, Le.u64(d, 48), "transaction id");
    assertEquals(77, Le.u64(d, 56), "held root");
    assertEquals(1000, Le.u64(d, 64), "data sm nr_blocks");
    assertEquals(12, Le.u64(d, 64 + 24), "data sm ref-count root");
    assertEquals(2048, Le.u64(d, 192), "metadata sm nr_blocks");
    assertEquals(21, Le.u64(d, 192 + 16), "metadata sm bitmap root");
    assertEquals(31, Le.u64(d, 320), "mapping root");
    assertEquals(32, Le.u64(d, 328), "details root");
    assertEquals(128, Le.u32(d, 336), "data block size");
    assertEquals(8, Le.u32(d, 340), "metadata block size");
    assertEquals(2048, Le.u64(d, 344), "metadata nr blocks");
    for (int i = Superblock.STRUCT_SIZE; i < d.length; i++) {
      assertEquals(0, d[i], "byte " + i + " past the struct");
    }
    assertEquals(0x55, d[0], "the checksum is left to the validator");
    Superblock back = Superblock.read(d);
    assertEquals(sample().transactionId(), back.transactionId());
    assertArrayEquals(sample().uuid(), back.uuid());
    assertEquals(sample().dataSpaceMapRoot(), back.dataSpaceMapRoot());
    assertEquals(sample().metadataSpaceMapRoot(), back.metadataSpaceMapRoot());
  }

  @Test
  void withCommitReplacesOnlyTheTransactionFields() {
    Superblock next =
        sample().withCommit(0, 9, 10, 0, SpaceMapRoot.ZERO, new SpaceMapRoot(1, 2, 3, 4), 40, 41);
    assertEquals(9, next.time());
    assertEquals(10, next.transactionId());
    assertEquals(40, next.dataMappingRoot());
    assertEquals(41, next.deviceDetailsRoot());
    assertEquals(SpaceMapRoot.ZERO, next.dataSpaceMapRoot());
    assertEquals(128, next.dataBlockSize());
    assertEquals(2048, next.metadataNrBlocks());
    assertArrayEquals(sample().uuid(), next.uuid());
  }

  @Test
  void theUuidIsSixteenBytesAndCopied() {
    byte[] uuid = new byte[16];
    Superblock sb =
        new Superblock(
            0,
            0,
            uuid,
            0,
            0,
            0,
            0,
            0,
            SpaceMapRoot.ZERO,
            SpaceMapRoot.ZERO,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0);
    uuid[0] = 9;
    assertEquals(0, sb.uuid()[0], "a defensive copy");
    sb.uuid()[1] = 9;
    assertEquals(0, sb.uuid()[1]);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Superblock(
                0,
                0,
                new byte[15],
                0,
                0,
                0,
                0,
                0,
                SpaceMapRoot.ZERO,
                SpaceMapRoot.ZERO,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0));
  }

  @Test
  void theSuperblockValidatorChecksLocationMagicAndChecksum() {
    Validator v = Superblock.validator(Bugs.NONE);
    assertEquals("superblock", v.name());
    byte[] d = new byte[BlockManager.BLOCK_SIZE];
    sample().write(d);
    v.prepareForWrite(0, d);
    assertDoesNotThrow(() -> v.check(0, d));
    assertEquals(
        "superblock block number",
        assertThrows(CorruptMetadataException.class, () -> v.check(6, d)).rule());
    v.prepareForWrite(6, d);
    assertDoesNotThrow(() -> v.check(6, d), "a metadata-snapshot copy stamps its own location");
    d[300] ^= 1;
    assertEquals(
        "superblock checksum",
        assertThrows(CorruptMetadataException.class, () -> v.check(6, d)).rule());
  }

  @Test
  void deviceDetailsLayout() {
    DeviceDetails dd = new DeviceDetails(5, 0x0102030405L, 7, 8);
    byte[] b = dd.toBytes();
    assertEquals(24, b.length);
    assertEquals(5, Le.u64(b, 0));
    assertEquals(0x0102030405L, Le.u64(b, 8));
    assertEquals(7, Le.u32(b, 16));
    assertEquals(8, Le.u32(b, 20));
    assertEquals(dd, DeviceDetails.read(b, 0));
    assertEquals(new DeviceDetails(6, 0x0102030405L, 7, 8), dd.withMappedBlocks(6));
    assertEquals(new DeviceDetails(5, 0x0102030405L, 7, 9), dd.withSnapshottedTime(9));
  }

  @Test
  void blockTimeKeepsTheTimeInTheLow24Bits() {
    byte[] example = {0x01, 0x00, 0x00, 0x3c, 0x00, 0x00, 0x00, 0x00};
    long v = Le.u64(example, 0);
    assertEquals(60, BlockTime.dataBlock(v));
    assertEquals(1, BlockTime.time(v));
    assertEquals(v, BlockTime.pack(60, 1));
    assertEquals(3, BlockTime.time(BlockTime.pack(5, (1 << 24) + 3)), "time wraps at 24 bits");
    assertEquals(BlockTime.MAX_DATA_BLOCK, BlockTime.dataBlock(BlockTime.pack(-1L, 0)));
    assertEquals((1L << 40) - 1, BlockTime.MAX_DATA_BLOCK);
  }
}
