package io.powercut.thin.check;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Le;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.block.StampedBlockValidator;
import java.io.IOException;

/**
 * Reads metadata blocks straight from the device (no cache: the checker reads each block about
 * once) and checks the stamp every block but the superblock carries: its checksum and its own block
 * number.
 */
final class BlockReader {
  private final BlockDevice device;
  private final ProblemLog log;

  BlockReader(BlockDevice device, ProblemLog log) {
    if (device.blockSize() != BlockManager.BLOCK_SIZE) {
      throw new IllegalArgumentException(
          "metadata device block size must be "
              + BlockManager.BLOCK_SIZE
              + ", got "
              + device.blockSize());
    }
    this.device = device;
    this.log = log;
  }

  /** Blocks on the device. */
  long deviceBlocks() {
    return device.blockCount();
  }

  /** Reads block {@code b}, which the caller has checked is on the device. */
  void read(long b, byte[] buf) throws IOException {
    device.read(b, buf);
  }

  /**
   * Whether {@code d}, read from {@code b}, carries its own block number and a good checksum for
   * {@code salt}; reports the first that is wrong (the checksum first: it tells garbage best).
   */
  boolean stampValid(long b, byte[] d, int salt, String what, String path) {
    if (!checksumValid(b, d, salt, what, path)) {
      return false;
    }
    long self = Le.u64(d, StampedBlockValidator.BLOCKNR_OFFSET);
    if (self != b) {
      log.fatal(b, Rule.BLOCKNR, what + ": " + ProblemLog.expected(b, self), path);
      return false;
    }
    return true;
  }

  /** Whether {@code d}'s stored checksum matches its contents for {@code salt}; reports if not. */
  boolean checksumValid(long b, byte[] d, int salt, String what, String path) {
    int stored = Checksum.stored(d);
    int computed = Checksum.compute(d, salt);
    if (stored != computed) {
      log.fatal(
          b, Rule.CHECKSUM, what + ": " + ProblemLog.expected(hex(computed), hex(stored)), path);
      return false;
    }
    return true;
  }

  /** Whether {@code d}, read from {@code b}, is a well-stamped block for {@code salt}; silent. */
  static boolean stamped(long b, byte[] d, int salt) {
    return Checksum.stored(d) == Checksum.compute(d, salt)
        && Le.u64(d, StampedBlockValidator.BLOCKNR_OFFSET) == b;
  }

  private static String hex(int v) {
    return String.format("0x%08x", v);
  }
}
