package io.powercut.device;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The disk after a power loss in one {@link CrashState}: the durable base of its {@link CrashPoint}
 * with the surviving writes overlaid (in log order, torn ones only in their sectors, misdirected
 * ones on their target block), then bit rot. Nothing is copied up front: a read composes the block
 * on demand, so building an image costs only its survivors.
 *
 * <p>Recovery may write: writes go to a private overlay of this image and are durable at once. To
 * crash during recovery, wrap the image in a new {@link FaultyDevice} instead of writing to it; the
 * image then serves as that device's initial image.
 */
public final class CrashImage extends CheckedBlockDevice {
  private final CrashPoint point;
  private final CrashState state;
  // Surviving writes sorted by (target block, log index).
  private final long[] layerBlocks;
  private final int[] layerWrites;
  private HashMap<Long, byte[]> written;

  CrashImage(CrashPoint point, CrashState state, long[] layerBlocks, int[] layerWrites) {
    super(point.geometry());
    this.point = point;
    this.state = state;
    this.layerBlocks = layerBlocks;
    this.layerWrites = layerWrites;
  }

  public CrashState state() {
    return state;
  }

  public CrashPoint point() {
    return point;
  }

  /** The blocks whose content differs from the durable base by construction, ascending. */
  long[] overlaidBlocks() {
    long[] rot = state.rotBlocks();
    long[] all = Arrays.copyOf(layerBlocks, layerBlocks.length + rot.length);
    System.arraycopy(rot, 0, all, layerBlocks.length, rot.length);
    return Arrays.stream(all).sorted().distinct().toArray();
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    checkAccess(block, dst);
    byte[] own = written == null ? null : written.get(block);
    if (own != null) {
      System.arraycopy(own, 0, dst, 0, own.length);
      return;
    }
    point.readDurable(block, dst);
    for (int i = firstLayer(block); i < layerBlocks.length && layerBlocks[i] == block; i++) {
      applyLayer(layerWrites[i], dst);
    }
    int rotted = Arrays.binarySearch(state.rotBlocks(), block);
    if (rotted >= 0) {
      for (int bit : state.rotBits()[rotted]) {
        dst[bit >>> 3] ^= (byte) (1 << (bit & 7));
      }
    }
  }

  @Override
  public void write(long block, byte[] src) {
    checkAccess(block, src);
    if (written == null) {
      written = new HashMap<>();
    }
    written.put(block, src.clone());
  }

  @Override
  public void writeFua(long block, byte[] src) {
    write(block, src);
  }

  @Override
  public void flush() {
    checkOpen();
  }

  @Override
  public void close() {
    markClosed();
    written = null;
  }

  @Override
  public String toString() {
    return "CrashImage[" + state + "]";
  }

  private void applyLayer(int write, byte[] dst) {
    byte[] payload = point.log().payloadRef(write);
    long full = geometry().fullSectorMask();
    long mask = state.sectorMaskOf(write, full);
    if (mask == full) {
      System.arraycopy(payload, 0, dst, 0, payload.length);
      return;
    }
    for (int s = 0; s < geometry().sectorsPerBlock(); s++) {
      if ((mask >>> s & 1) != 0) {
        int offset = s * SECTOR_SIZE;
        System.arraycopy(payload, offset, dst, offset, SECTOR_SIZE);
      }
    }
  }

  private int firstLayer(long block) {
    int lo = 0;
    int hi = layerBlocks.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (layerBlocks[mid] < block) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
