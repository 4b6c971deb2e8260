package io.powercut.thin;

/**
 * An open thin device, the kernel's {@code struct dm_thin_device} as {@code
 * dm_pool_open_thin_device} hands it out: it names the device and lets its user ask whether the
 * device changed in this transaction, or had changes that an abort threw away. Every open returns
 * its own handle, which {@link PoolMetadata#closeThinDevice} closes exactly once; while any handle
 * of a device is open, the device cannot be deleted and the pool cannot be closed.
 */
public final class ThinDevice {
  private final PoolMetadata pool;
  private final long id;
  private boolean closed;

  ThinDevice(PoolMetadata pool, long id) {
    this.pool = pool;
    this.id = id;
  }

  /** The device id ({@code dm_thin_dev_id}). */
  public long id() {
    return id;
  }

  PoolMetadata pool() {
    return pool;
  }

  boolean isClosed() {
    return closed;
  }

  void markClosed() {
    closed = true;
  }

  @Override
  public String toString() {
    return "thin device " + id + (closed ? " (closed)" : "");
  }
}
