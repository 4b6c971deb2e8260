package io.powercut.checker.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.checker.volume.SectorContent.Stamp;
import io.powercut.property.junit.PropertyTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SectorStampTest {
  private static Stamp randomStamp(SplittableRandom r) {
    return new Stamp(r.nextLong(1 << 20), r.nextLong(1L << 40), r.nextLong(Long.MAX_VALUE));
  }

  @PropertyTest(seeds = 50)
  void aStampedSectorDecodesToItsStamp(SplittableRandom r) {
    Stamp s = randomStamp(r);
    assertEquals(s, SectorStamp.decode(SectorStamp.sector(s), 0));
  }

  @PropertyTest(seeds = 50)
  void aFlippedBitReadsAsGarbage(SplittableRandom r) {
    byte[] sector = SectorStamp.sector(randomStamp(r));
    int bit = r.nextInt(sector.length * 8);
    sector[bit / 8] ^= (byte) (1 << (bit % 8));
    assertEquals(SectorContent.GARBAGE, SectorStamp.decode(sector, 0), "bit " + bit + " flipped");
  }

  @PropertyTest(seeds = 20)
  void aFlippedBitInZerosReadsAsGarbage(SplittableRandom r) {
    byte[] sector = new byte[SectorStamp.SECTOR];
    int bit = r.nextInt(sector.length * 8);
    sector[bit / 8] ^= (byte) (1 << (bit % 8));
    assertEquals(SectorContent.GARBAGE, SectorStamp.decode(sector, 0), "bit " + bit + " flipped");
  }

  @Test
  void zerosDecodeAsZeros() {
    assertEquals(SectorContent.ZEROS, SectorStamp.decode(new byte[4096], 7));
  }

  @Test
  void aBlockStampsEachSectorWithItsOwnNumber() {
    byte[] block = SectorStamp.block(3, 5, 42);
    for (int i = 0; i < SectorStamp.SECTORS_PER_BLOCK; i++) {
      assertEquals(new Stamp(3, 5 * 8 + i, 42), SectorStamp.decode(block, i), "sector " + i);
    }
  }

  @Test
  void twoVersionsOfOneSectorDiffer() {
    byte[] a = SectorStamp.sector(new Stamp(1, 2, 3));
    byte[] b = SectorStamp.sector(new Stamp(1, 2, 4));
    int same = 0;
    for (int i = 32; i < a.length; i++) {
      same += a[i] == b[i] ? 1 : 0;
    }
    assertTrue(same < 32, same + " filler bytes equal");
  }
}
