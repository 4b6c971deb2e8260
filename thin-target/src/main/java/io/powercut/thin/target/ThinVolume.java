package io.powercut.thin.target;

import io.powercut.device.BlockDevice;
import io.powercut.device.BlockGeometry;
import io.powercut.pdata.Bugs;
import io.powercut.thin.Mapping;
import io.powercut.thin.ThinDevice;
import io.powercut.thin.target.ThinPoolException.Reason;
import java.io.IOException;
import java.util.Arrays;

/**
 * A thin volume, the kernel's {@code thin} target of {@code dm-thin.c}: a block device of 4 KiB
 * blocks whose virtual data blocks (each {@link PoolOptions#blocksPerDataBlock} of its blocks) the
 * pool maps to data blocks on first write.
 *
 * <p>A read of an unmapped block returns zeros. A write to an unmapped block provisions a data
 * block, zeroing the part the write does not cover unless {@code skip_block_zeroing} ({@code
 * provision_block}, {@code schedule_zero}); a write to a block shared with a snapshot allocates a
 * new one and copies the part it does not cover ({@code break_sharing}, {@code schedule_copy}).
 * Either way the mapping is inserted only after the data IO completed ({@code
 * process_prepared_mapping}). A FLUSH or FUA of a volume that changed in this transaction commits
 * the pool before it completes ({@code bio_triggers_commit}); of an unchanged one it goes to the
 * data device. A discard unmaps the whole data blocks it covers ({@code process_discard_bio};
 * partial ones are ignored).
 *
 * <p>The kernel zeroes or copies a whole new block and then writes the bio over it; we zero or copy
 * only the part the bio does not cover, which leaves the same content with fewer writes.
 */
public final class ThinVolume implements DiscardableDevice {
  private final ThinPool pool;
  private final ThinDevice td;
  private final BlockGeometry geometry;
  private final int k;
  private final Bugs bugs;
  private boolean closed;

  ThinVolume(ThinPool pool, ThinDevice td, long blocks) {
    this.pool = pool;
    this.bugs = pool.bugs();
    this.td = td;
    this.geometry = new BlockGeometry(BlockDevice.DEFAULT_BLOCK_SIZE, blocks);
    this.k = pool.options().blocksPerDataBlock();
  }

  /** The thin device id. */
  public long id() {
    return td.id();
  }

  ThinDevice handle() {
    return td;
  }

  @Override
  public int blockSize() {
    return geometry.blockSize();
  }

  @Override
  public long blockCount() {
    return geometry.blockCount();
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    checkAccess(block, dst);
    pool.checkNotFailed("read");
    Mapping m = pool.lookup(td.id(), block / k);
    if (m == null) {
      Arrays.fill(dst, (byte) 0);
    } else {
      pool.data().read(m.dataBlock(), (int) (block % k), dst);
    }
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    checkAccess(block, src);
    writeBlocks(block, src, false);
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    checkAccess(block, src);
    writeBlocks(block, src, true);
  }

  /**
   * Writes {@code src} (whole blocks) from {@code first}, one bio split at data block boundaries as
   * the kernel splits it ({@code max_io_len}); with {@code fua}, durable on return. A bio that
   * covers a whole data block provisions it without zeroing or copying.
   */
  public void writeBlocks(long first, byte[] src, boolean fua) throws IOException {
    int count = src.length / blockSize();
    if (count == 0 || src.length % blockSize() != 0) {
      throw new IllegalArgumentException(
          "write buffer: expected a positive multiple of "
              + blockSize()
              + " bytes, got "
              + src.length);
    }
    checkOpen();
    geometry.checkBlock(first);
    geometry.checkBlock(first + count - 1);
    pool.checkNotFailed("write");
    int done = 0;
    boolean onlyProvisioningOverwrites = true;
    while (done < count) {
      long block = first + done;
      int offset = (int) (block % k);
      int n = Math.min(count - done, k - offset);
      onlyProvisioningOverwrites &= writeWithin(block / k, offset, src, done, n, fua);
      done += n;
    }
    // PROVISION_FUA_IGNORED: before 4ae280b4ee34, process_prepared_mapping completed an overwrite
    // bio without the commit its FUA asks for.
    if (fua && !(onlyProvisioningOverwrites && bugs.has(TargetBug.PROVISION_FUA_IGNORED))) {
      commitIfChanged(false);
    }
  }

  /**
   * {@code process_bio}: a write of {@code n} blocks at {@code offset} of one virtual block; true
   * if it provisioned a data block by overwriting all of it.
   */
  private boolean writeWithin(
      long vblock, int offset, byte[] src, int srcOffset, int n, boolean fua) throws IOException {
    Mapping m = pool.lookup(td.id(), vblock);
    if (m != null && !m.shared()) {
      pool.data().write(m.dataBlock(), offset, src, srcOffset, n, fua);
      return false;
    }
    long fresh = pool.allocDataBlock();
    boolean overwrite = n == k;
    // REMAP_BEFORE_COPY_DURABLE: mapped before the copy or zeroing that process_prepared_mapping
    // waits for, so a failure of that IO leaves nothing to undo.
    boolean remapFirst = !overwrite && bugs.has(TargetBug.REMAP_BEFORE_COPY_DURABLE);
    if (remapFirst) {
      pool.insert(td.id(), vblock, fresh);
    }
    try {
      if (!overwrite) {
        fillOutside(m, fresh, offset, offset + n);
      }
      pool.data().write(fresh, offset, src, srcOffset, n, fua);
    } catch (ThinPoolException e) {
      if (!remapFirst) {
        // process_prepared_mapping_fail: the block was never mapped; give it back.
        pool.release(fresh);
      }
      throw e;
    }
    if (!remapFirst) {
      // Replacing a shared mapping drops this device's reference on the old block.
      pool.insert(td.id(), vblock, fresh);
    }
    return overwrite;
  }

  /**
   * Fills the blocks of a new data block outside {@code [from, to)}: a copy of the shared block
   * {@code m} ({@code schedule_copy}), or zeroes for an unmapped one ({@code schedule_zero}).
   */
  private void fillOutside(Mapping m, long fresh, int from, int to) throws IOException {
    if (m != null) {
      if (!bugs.has(TargetBug.BREAK_SHARING_NO_COPY)) {
        pool.data().copyOutside(m.dataBlock(), fresh, from, to);
      }
    } else if (!pool.options().skipBlockZeroing()
        && !bugs.has(TargetBug.NO_ZERO_BEFORE_PARTIAL_WRITE)) {
      pool.data().zeroOutside(fresh, from, to);
    }
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    pool.checkNotFailed("flush");
    if (bugs.has(TargetBug.FLUSH_WITHOUT_COMMIT)) {
      // The FLUSH reaches the data device, but bio_triggers_commit is never asked.
      pool.data().flush();
      return;
    }
    commitIfChanged(true);
  }

  /**
   * {@code issue}: a FLUSH or FUA of a volume that changed commits the pool first; one whose
   * changes an abort threw away fails, since what it acknowledged is lost; any other FLUSH goes to
   * the data device.
   */
  private void commitIfChanged(boolean isFlush) throws IOException {
    if (pool.abortedChanges(td)) {
      throw new ThinPoolException(
          Reason.ABORTED_CHANGES,
          "thin device " + td.id() + " had changes that a metadata failure aborted");
    }
    if (pool.changed(td)) {
      pool.commit();
    } else if (isFlush) {
      pool.data().flush();
    }
  }

  /**
   * Discards {@code count} blocks from {@code first}: every whole virtual block in the range is
   * unmapped (and passed down, see {@link ThinPool}); a read-only pool ignores discards, as the
   * kernel's does.
   */
  @Override
  public void discard(long first, long count) throws IOException {
    checkOpen();
    geometry.checkRange(first, count, "discard");
    pool.checkNotFailed("discard");
    if (!pool.isWritable()) {
      return;
    }
    long begin = (first + k - 1) / k;
    long end = (first + count) / k;
    for (long vblock = begin; vblock < end; vblock++) {
      Mapping m = pool.lookup(td.id(), vblock);
      if (m != null) {
        pool.discard(td.id(), vblock, m.dataBlock());
      }
    }
  }

  /** Closes the volume's handle on its thin device; closing twice is allowed. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      pool.closed(this);
    }
  }

  private void checkAccess(long block, byte[] buffer) {
    checkOpen();
    geometry.checkAccess(block, buffer);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  @Override
  public String toString() {
    return "thin volume " + td.id() + " (" + blockCount() + " blocks)";
  }
}
