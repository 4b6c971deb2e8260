package io.powercut.device;

import java.io.IOException;
import java.util.BitSet;

/**
 * Passes every call to another device and remembers which blocks were read and which were written.
 * The crash search learns from the reads which blocks a recovery looked at (another image equal in
 * those blocks recovers the same); a restore learns from the writes which blocks it must install.
 */
public final class AccessTrackingDevice extends ForwardingBlockDevice {
  private final BitSet read = new BitSet();
  private final BitSet written = new BitSet();

  /**
   * Tracks IO to {@code inner}, which must have at most {@link Integer#MAX_VALUE} blocks (a bit a
   * block).
   */
  public AccessTrackingDevice(BlockDevice inner) {
    super(inner);
    if (inner.blockCount() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many blocks to track: " + inner.blockCount());
    }
  }

  /** Every block read so far, as a copy. */
  public BitSet blocksRead() {
    return (BitSet) read.clone();
  }

  /** Every block written so far (plain or FUA), as a copy. */
  public BitSet blocksWritten() {
    return (BitSet) written.clone();
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    super.read(block, dst);
    read.set((int) block);
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    super.write(block, src);
    written.set((int) block);
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    super.writeFua(block, src);
    written.set((int) block);
  }
}
