package io.powercut.thin.xml;

import io.powercut.device.AccessTrackingDevice;
import io.powercut.device.BlockDevice;
import io.powercut.device.BlockGeometry;
import io.powercut.thin.Superblock;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.MetadataChecker;
import java.io.IOException;
import java.util.BitSet;

/**
 * Restores a pool into a metadata device that may already hold one, so that a power cut at any
 * point leaves the old pool or the new one, never a mix (thin_restore itself overwrites in place).
 *
 * <p>The new pool is built on a scratch device of the same geometry, avoiding every block a strict
 * check of the old pool reads; bad input therefore fails before the target is touched. Then it is
 * installed the way a commit is: every block the build wrote except the superblock, a flush, the
 * superblock, a flush. Until the new superblock is durable the old one names only blocks nothing
 * wrote; once it is, everything it names was flushed before it.
 */
public final class PoolInstall {
  private PoolInstall() {}

  /** Where a restore reads its pool from: the XML reader, or anything else that emits a pool. */
  @FunctionalInterface
  public interface PoolSource {
    /** Sends the whole pool to {@code handler}, from its superblock to its end. */
    void emit(PoolXmlHandler handler) throws IOException;
  }

  /**
   * Builds the pool {@code source} emits on {@code scratch} and installs it into {@code target}.
   * {@code scratch} is written freely and must not be {@code target}; both have the same geometry.
   * {@code target} is changed only after the whole pool was built.
   *
   * @throws io.powercut.pdata.NoSpaceException if the new pool does not fit beside the old one
   */
  public static void restore(PoolSource source, BlockDevice scratch, BlockDevice target)
      throws IOException {
    if (scratch == target) {
      throw new IllegalArgumentException("the scratch device is the target");
    }
    BlockGeometry.of(target).checkSame(BlockGeometry.of(scratch), "the scratch device");
    BitSet oldPool = blocksInUse(target);
    AccessTrackingDevice built = new AccessTrackingDevice(scratch);
    PoolBuilder builder = new PoolBuilder(built, PoolBuilder.DEFAULT_CACHE_BLOCKS, oldPool);
    source.emit(builder);
    if (!builder.isDone()) {
      throw new IllegalStateException("the pool source ended before the pool was complete");
    }
    install(scratch, built.blocksWritten(), target);
  }

  /**
   * The blocks of the pool on {@code device} that must survive until a new superblock is durable:
   * every block a strict check reads, the metadata snapshot's included, but the superblock. Empty
   * when the device holds no pool (the check then reads no further than the superblock).
   */
  static BitSet blocksInUse(BlockDevice device) throws IOException {
    AccessTrackingDevice tracking = new AccessTrackingDevice(device);
    MetadataChecker.check(tracking, new CheckOptions(true, false, false));
    BitSet used = tracking.blocksRead();
    used.clear((int) Superblock.LOCATION);
    return used;
  }

  /** Copies {@code blocks} from {@code scratch} to {@code target}, the superblock last. */
  private static void install(BlockDevice scratch, BitSet blocks, BlockDevice target)
      throws IOException {
    int superblock = (int) Superblock.LOCATION;
    if (!blocks.get(superblock)) {
      throw new IllegalStateException("the build wrote no superblock");
    }
    byte[] block = new byte[target.blockSize()];
    for (int b = blocks.nextSetBit(0); b >= 0; b = blocks.nextSetBit(b + 1)) {
      if (b != superblock) {
        scratch.read(b, block);
        target.write(b, block);
      }
    }
    target.flush();
    scratch.read(superblock, block);
    target.write(superblock, block);
    target.flush();
  }
}
