package io.powercut.thin.xml;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.block.BlockManager;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.PoolRestore;
import io.powercut.thin.Superblock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * Builds a pool image from pool events (thin_restore): formats the metadata device, copies the
 * superblock fields (uuid bytes, time, transaction, flags, version, sizes), creates each device
 * with its details, and maps every block with its explicit time. Each device gets a tree of its
 * own, so a data block mapped by several devices gets one reference per mapping, as thin_restore
 * does; mapped_blocks is counted from the mappings, not taken from the XML. Nothing is durable
 * until {@link #endSuperblock}, which commits once. It streams: memory holds the engine's caches,
 * not the mappings.
 *
 * <p>Mappings in ascending order (all that thin_dump writes) take a fast path: each device's tree
 * is built bottom-up, leaf by leaf, and the data references are counted in bulk. From a device's
 * first mapping out of order on, the rest of its mappings are inserted one by one, which also lets
 * a later mapping of a block replace an earlier one.
 */
public final class PoolBuilder implements PoolXmlHandler {
  /** Cache for a restore: big enough that the trees being built stay in memory (64 MiB). */
  public static final int DEFAULT_CACHE_BLOCKS = 4 * BlockManager.DEFAULT_CACHE_BLOCKS;

  private final BlockDevice device;
  private final int cacheBlocks;
  private final BitSet kept;
  private PoolRestore pool;
  private boolean done;

  private long dev = -1;
  private boolean devHasMappings;
  private long highestVblock;

  /** Whether the device's mappings so far ascend, so that the fast path can take them. */
  private boolean sorted;

  public PoolBuilder(BlockDevice device) {
    this(device, DEFAULT_CACHE_BLOCKS);
  }

  public PoolBuilder(BlockDevice device, int cacheBlocks) {
    this(device, cacheBlocks, new BitSet());
  }

  /**
   * A builder that leaves the blocks of {@code kept} alone: the pool is built beside the one they
   * belong to, which its superblock can then replace (see {@link PoolInstall}).
   */
  public PoolBuilder(BlockDevice device, int cacheBlocks, BitSet kept) {
    this.device = device;
    this.cacheBlocks = cacheBlocks;
    this.kept = Objects.requireNonNull(kept, "kept");
  }

  /** The uuid's bytes as thin_restore stores them: UTF-8, cut or zero-padded to 16 bytes. */
  static byte[] uuidBytes(String uuid) {
    return Arrays.copyOf(uuid.getBytes(StandardCharsets.UTF_8), Superblock.UUID_SIZE);
  }

  @Override
  public void beginSuperblock(XmlSuperblock sb) throws IOException {
    if (pool != null) {
      throw new IllegalStateException("a second superblock");
    }
    // Fail at once, not after filling the device, when the data space map's bitmaps cannot fit.
    if (sb.nrDataBlocks() / BitmapBlock.ENTRIES_PER_BLOCK >= device.blockCount()) {
      throw new NoSpaceException(NoSpaceException.Space.METADATA);
    }
    pool =
        PoolRestore.format(
            device,
            new PoolMetadata.Format(sb.dataBlockSize(), sb.nrDataBlocks(), uuidBytes(sb.uuid())),
            sb.version(),
            cacheBlocks,
            kept);
    pool.header(sb.time(), sb.transaction(), sb.flags());
  }

  @Override
  public void beginDevice(XmlDevice d) throws IOException {
    requirePool();
    pool.device(d.devId(), new DeviceDetails(0, d.transaction(), d.creationTime(), d.snapTime()));
    dev = d.devId();
    devHasMappings = false;
    sorted = true;
  }

  @Override
  public void mapping(long originBegin, long dataBegin, long length, long time) throws IOException {
    if (dev < 0) {
      throw new IllegalStateException("a mapping outside a device");
    }
    if (sorted && (!devHasMappings || Long.compareUnsigned(originBegin, highestVblock) > 0)) {
      pool.sortedMappings(dev, originBegin, dataBegin, length, time);
      highestVblock = originBegin + length - 1;
      devHasMappings = true;
      return;
    }
    sorted = false;
    for (long i = 0; Long.compareUnsigned(i, length) < 0; i++) {
      long vblock = originBegin + i;
      // Blocks above every block seen so far cannot be mapped yet: no lookup needed.
      boolean mayBeMapped = devHasMappings && Long.compareUnsigned(vblock, highestVblock) <= 0;
      pool.mapping(dev, vblock, dataBegin + i, time, mayBeMapped);
      if (!mayBeMapped) {
        highestVblock = vblock;
        devHasMappings = true;
      }
    }
  }

  @Override
  public void endDevice() {
    dev = -1;
  }

  @Override
  public void endSuperblock() throws IOException {
    requirePool();
    pool.commit();
    pool.close();
    done = true;
  }

  /** Whether the pool was completely built and committed. */
  public boolean isDone() {
    return done;
  }

  private void requirePool() {
    if (pool == null || done) {
      throw new IllegalStateException("no superblock is open");
    }
  }
}
