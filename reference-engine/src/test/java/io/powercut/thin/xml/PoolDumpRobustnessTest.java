package io.powercut.thin.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.property.junit.PropertyTest;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.Superblock;
import io.powercut.thin.check.SuperblockPatch;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Dumping damaged images: every damage is a typed {@link CorruptMetadataException} (block, rule,
 * path), never another exception, a hang or a silently short dump.
 */
class PoolDumpRobustnessTest {
  private static final int BLOCK = 4096;

  /** One device with enough mappings for a two-level subtree. */
  private static MemoryBlockDevice bigPool() throws IOException {
    StringBuilder xml =
        new StringBuilder(
            "<superblock uuid=\"\" time=\"1\" transaction=\"1\" data_block_size=\"128\""
                + " nr_data_blocks=\"5000\">\n"
                + "<device dev_id=\"3\" mapped_blocks=\"0\" transaction=\"0\" creation_time=\"0\""
                + " snap_time=\"0\">\n");
    for (int i = 0; i < 1000; i++) {
      xml.append("<single_mapping origin_block=\"")
          .append(i)
          .append("\" data_block=\"")
          .append(4999 - i)
          .append("\" time=\"0\"/>\n");
    }
    xml.append("</device></superblock>\n");
    return RestoreDumpTest.restore(xml.toString());
  }

  /** The first block holding a btree node of the given kind, with a good checksum. */
  private static long findNode(MemoryBlockDevice d, boolean internal, int valueSize)
      throws IOException {
    byte[] b = new byte[BLOCK];
    for (long i = 1; i < d.blockCount(); i++) {
      d.read(i, b);
      if (Checksum.stored(b) == Checksum.compute(b, BTreeNode.CHECKSUM_SALT)
          && BTreeNode.isInternal(b) == internal
          && BTreeNode.isLeaf(b) == !internal
          && BTreeNode.valueSize(b) == valueSize
          && BTreeNode.nrEntries(b) > 1) {
        return i;
      }
    }
    throw new AssertionError("no such node");
  }

  private interface Patch {
    void apply(byte[] block);
  }

  private static void patch(MemoryBlockDevice d, long block, int salt, Patch p) throws IOException {
    byte[] b = new byte[BLOCK];
    d.read(block, b);
    p.apply(b);
    Checksum.stamp(b, salt);
    d.write(block, b);
  }

  private static CorruptMetadataException dumpFails(MemoryBlockDevice d) {
    return assertThrows(CorruptMetadataException.class, () -> RestoreDumpTest.dump(d, false));
  }

  @Test
  void aNodeWithBothFlagsIsNamed() throws IOException {
    MemoryBlockDevice d = bigPool();
    long leaf = findNode(d, false, 8);
    patch(d, leaf, BTreeNode.CHECKSUM_SALT, b -> Le.putU32(b, BTreeNode.FLAGS, 3));
    CorruptMetadataException e = dumpFails(d);
    assertEquals(leaf, e.block());
    assertEquals("btree node flags", e.rule());
    assertTrue(e.path().startsWith("superblock > mapping tree"), e::getMessage);
  }

  @Test
  void aTreeThatLoopsIsCaught() throws IOException {
    MemoryBlockDevice d = bigPool();
    long internal = findNode(d, true, 8);
    patch(
        d,
        internal,
        BTreeNode.CHECKSUM_SALT,
        b -> BTreeNode.setValue64(b, BTreeNode.nrEntries(b) - 1, internal));
    CorruptMetadataException e =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> dumpFails(d));
    assertEquals(internal, e.block());
    assertTrue(e.rule().contains("reached twice"), e::getMessage);
  }

  @Test
  void unknownIncompatibleFeaturesAreRefused() throws IOException {
    MemoryBlockDevice d = bigPool();
    patch(
        d,
        0,
        Superblock.CHECKSUM_SALT,
        b -> SuperblockPatch.with(Superblock.read(b), "incompatFlags", 4L).write(b));
    CorruptMetadataException e = dumpFails(d);
    assertEquals("superblock feature flags", e.rule());
    assertTrue(e.getMessage().contains("got incompat 0x4"), e::getMessage);
  }

  @Test
  void aWrongMagicIsRefused() throws IOException {
    MemoryBlockDevice d = bigPool();
    patch(
        d,
        0,
        Superblock.CHECKSUM_SALT,
        b -> SuperblockPatch.with(Superblock.read(b), "magic", 42L).write(b));
    assertEquals("superblock magic", dumpFails(d).rule());
  }

  @Test
  void aTruncatedImageIsCorruptNotACrash() throws IOException {
    MemoryBlockDevice full = bigPool();
    MemoryBlockDevice cut = new MemoryBlockDevice(16);
    byte[] b = new byte[BLOCK];
    for (long i = 0; i < cut.blockCount(); i++) {
      full.read(i, b);
      cut.write(i, b);
    }
    CorruptMetadataException e = dumpFails(cut);
    assertEquals("block number in range", e.rule());
  }

  @PropertyTest(seeds = 60)
  void randomDamageGivesADumpOrATypedError(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    PoolSpec spec = PoolSpecs.sorted(400).next(r);
    MemoryBlockDevice d = RestoreDumpTest.restore(spec.inputXml(true));
    byte[] b = new byte[BLOCK];
    int damaged = 1 + r.nextInt(4);
    for (int i = 0; i < damaged; i++) {
      // Damage a block in use, and keep its checksum valid half the time so the rules behind the
      // checksum are reached.
      long block = r.nextInt(Math.min(64, (int) d.blockCount()));
      d.read(block, b);
      int salt = Checksum.stored(b) ^ Checksum.compute(b, 0);
      b[16 + r.nextInt(BLOCK - 16)] ^= (byte) (1 << r.nextInt(8));
      if (r.nextBoolean()) {
        Checksum.stamp(b, salt);
      }
      d.write(block, b);
    }
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          try {
            RestoreDumpTest.dump(d, false);
          } catch (CorruptMetadataException | PoolOperationException e) {
            assertTrue(!e.getMessage().isBlank());
          }
        });
  }
}
