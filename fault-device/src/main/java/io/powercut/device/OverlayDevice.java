package io.powercut.device;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A private, writable view of a device that is never written: writes land in memory and later reads
 * of those blocks see them; every other read goes to the device below. A recovery that opens an
 * engine (which may write: a pool commits as it closes) runs on one, so the image it judges stays
 * as the crash left it and only the blocks it reads are read, without copying the whole device.
 */
public final class OverlayDevice extends ForwardingBlockDevice {
  private final Map<Long, byte[]> written = new HashMap<>();
  private final BlockGeometry geometry;

  public OverlayDevice(BlockDevice below) {
    super(below);
    this.geometry = BlockGeometry.of(below);
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    geometry.checkAccess(block, dst);
    byte[] own = written.get(block);
    if (own == null) {
      super.read(block, dst);
    } else {
      System.arraycopy(own, 0, dst, 0, own.length);
    }
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    geometry.checkAccess(block, src);
    written.put(block, src.clone());
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    write(block, src);
  }

  /** Nothing to flush: the overlay is the device's whole durable state. */
  @Override
  public void flush() {}

  /** Drops the overlay; the device below belongs to whoever gave it and stays open. */
  @Override
  public void close() {
    written.clear();
  }
}
