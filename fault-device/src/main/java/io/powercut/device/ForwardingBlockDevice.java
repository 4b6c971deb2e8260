package io.powercut.device;

import java.io.IOException;

/**
 * A device that passes every call to another one; subclasses override the calls they watch (which
 * blocks were read, which written) and stay short.
 */
public abstract class ForwardingBlockDevice implements BlockDevice {
  private final BlockDevice inner;

  protected ForwardingBlockDevice(BlockDevice inner) {
    this.inner = inner;
  }

  /** The device calls are passed to. */
  protected final BlockDevice inner() {
    return inner;
  }

  @Override
  public int blockSize() {
    return inner.blockSize();
  }

  @Override
  public long blockCount() {
    return inner.blockCount();
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    inner.read(block, dst);
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    inner.write(block, src);
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    inner.writeFua(block, src);
  }

  @Override
  public void flush() throws IOException {
    inner.flush();
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
