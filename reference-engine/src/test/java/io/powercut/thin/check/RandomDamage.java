package io.powercut.thin.check;

import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTreeNode;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.MetadataIndexBlock;
import io.powercut.thin.Superblock;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Seeded damage to an image: a few 32-bit words of a few blocks overwritten with extreme or random
 * values, mostly in headers and first entries where the structure lives, then re-stamped with the
 * block's own checksum salt so the damage reaches the rules behind the checksum.
 */
final class RandomDamage {
  /** Blocks damage may hit: the test pools use fewer. */
  static final long SPAN = 64;

  private static final int[] SALTS = {
    BTreeNode.CHECKSUM_SALT,
    BitmapBlock.CHECKSUM_SALT,
    MetadataIndexBlock.CHECKSUM_SALT,
    Superblock.CHECKSUM_SALT
  };

  private RandomDamage() {}

  static void apply(SplittableRandom rng, ImageEditor image, int blocks) throws IOException {
    for (int i = 0; i < blocks; i++) {
      damage(rng, image, rng.nextLong(0, SPAN));
    }
  }

  private static void damage(SplittableRandom rng, ImageEditor image, long b) throws IOException {
    byte[] d = image.read(b);
    int salt = saltOf(d);
    int words = rng.nextInt(1, 6);
    for (int i = 0; i < words; i++) {
      int off = 4 * rng.nextInt(1, rng.nextBoolean() ? 16 : BlockManager.BLOCK_SIZE / 4);
      long v =
          switch (rng.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 0xFFFF_FFFFL;
            case 2 -> rng.nextLong(0, 80);
            case 3 -> rng.nextLong(0, TestPools.METADATA_BLOCKS + 10);
            default -> rng.nextLong();
          };
      Le.putU32(d, off, v);
    }
    if (salt != 0) {
      Checksum.stamp(d, salt);
    }
    image.device.write(b, d);
  }

  /** The salt whose checksum the block carries, or 0 for an unused block. */
  private static int saltOf(byte[] d) {
    for (int salt : SALTS) {
      if (Checksum.stored(d) == Checksum.compute(d, salt)) {
        return salt;
      }
    }
    return 0;
  }
}
