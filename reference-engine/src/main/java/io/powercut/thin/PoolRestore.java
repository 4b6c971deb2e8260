package io.powercut.thin;

import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.Le;
import io.powercut.pdata.btree.BTree;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.BitSet;

/**
 * A pool being restored (what thin_restore writes): a freshly formatted pool into which a restore
 * copies the superblock fields, creates devices with their details, and maps blocks at explicit
 * times, then commits once. Mappings in ascending order take a fast path ({@link #sortedMappings})
 * that builds each device's tree bottom-up and counts data references in bulk. The same lock and
 * failure protocol as {@link PoolMetadata} applies.
 */
public final class PoolRestore implements AutoCloseable {
  private final PoolMetadata pool;
  private final PoolTransaction t;
  private final PoolGuard guard;
  private final PoolDevices devices;

  private PoolRestore(PoolMetadata pool) {
    this.pool = pool;
    this.t = pool.transaction();
    this.guard = pool.guard();
    this.devices = new PoolDevices(t);
  }

  /**
   * Formats a pool to restore into: as {@link PoolMetadata#create}, but with the superblock {@code
   * version} the XML asks for, never allocating a block of {@code kept} (another pool's, on the
   * same device: see {@link io.powercut.thin.xml.PoolInstall}). The restored time, transaction id
   * and flags follow with {@link #header}.
   */
  public static PoolRestore format(
      BlockDevice device, PoolMetadata.Format format, long version, int cacheBlocks, BitSet kept)
      throws IOException {
    if (version < Superblock.MIN_VERSION || version > Superblock.MAX_VERSION) {
      throw new PoolOperationException(
          Reason.BAD_ARGUMENT, "superblock version " + version + " out of range");
    }
    return new PoolRestore(
        PoolMetadata.create(device, format, Bugs.NONE, cacheBlocks, version, kept));
  }

  /** Sets the pool-wide fields a restore copies rather than computes; durable at the commit. */
  public void header(long time, long transactionId, long flags) throws IOException {
    guard.change(
        () -> {
          t.time = time;
          t.transactionId = transactionId;
          t.flags = flags;
        });
  }

  /** Creates an empty device with the given details (mapped_blocks grows as mappings arrive). */
  public void device(long dev, DeviceDetails details) throws IOException {
    guard.change(
        () -> {
          t.bulk.endDevice();
          devices.create(dev, details);
        });
  }

  /**
   * Maps {@code vblock} of {@code dev} to {@code dataBlock} at an explicit {@code time}, taking a
   * reference on the data block. A mapping already there is replaced and its data block released,
   * as a later XML entry overrides an earlier one in thin_restore. {@code mayBeMapped} false
   * promises the block is not mapped yet (the caller has seen only lower blocks), which saves a
   * lookup.
   */
  public void mapping(long dev, long vblock, long dataBlock, long time, boolean mayBeMapped)
      throws IOException {
    guard.change(
        () -> {
          t.bulk.endDevice();
          t.bulk.endReferences();
          DeviceDetails d = t.requireDevice(dev);
          t.checkDataBlock(dataBlock);
          t.reserveMetadata();
          BTree mappings = t.trees.mappings();
          long[] keys = {dev, vblock};
          byte[] value = PoolTransaction.le64(BlockTime.pack(dataBlock, time));
          if (mayBeMapped) {
            byte[] old = mappings.lookup(t.mappingRoot, keys);
            if (old != null && BlockTime.dataBlock(Le.u64(old, 0)) == dataBlock) {
              // The same data block: the mapping keeps its one reference, only the time changes.
              t.mappingRoot = mappings.insert(t.mappingRoot, keys, value).root();
              return;
            }
          }
          t.trees.dataSm().inc(dataBlock);
          BTree.Insert r = mappings.insert(t.mappingRoot, keys, value);
          t.mappingRoot = r.root();
          if (r.inserted()) {
            t.putDetails(dev, d.withMappedBlocks(d.mappedBlocks() + 1));
          }
        });
  }

  /**
   * The fast path of {@link #mapping}, for mappings in ascending order (all that thin_dump writes):
   * maps {@code length} blocks of {@code dev} from {@code vblock} to as many data blocks from
   * {@code dataBlock}, at {@code time}. {@code vblock} must be above every block mapped so far in
   * {@code dev}, which must have no mapping from {@link #mapping}. The device's tree is installed
   * when another device starts, a mapping takes the general path, or the pool commits.
   */
  public void sortedMappings(long dev, long vblock, long dataBlock, long length, long time)
      throws IOException {
    guard.change(
        () -> {
          t.requireDevice(dev);
          long nrBlocks = t.trees.dataSm().nrBlocks();
          if (dataBlock < 0
              || length < 1
              || Long.compareUnsigned(length, nrBlocks - dataBlock) > 0) {
            throw new PoolOperationException(
                Reason.BAD_DATA_BLOCK,
                length
                    + " data blocks from "
                    + dataBlock
                    + " run beyond the data device ("
                    + nrBlocks
                    + " blocks)");
          }
          t.reserveMetadata();
          t.bulk.add(dev, vblock, dataBlock, length, time);
        });
  }

  /** Makes the restored pool durable. */
  public void commit() throws IOException {
    pool.commit();
  }

  @Override
  public void close() throws IOException {
    pool.close();
  }
}
