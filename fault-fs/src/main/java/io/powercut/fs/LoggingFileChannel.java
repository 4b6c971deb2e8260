package io.powercut.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A channel over a Jimfs file that appends every write, shrinking truncate and force to the log,
 * naming the file by the inode it had when opened (so writes after a rename or delete still reach
 * it, as on Linux). Reads forward untouched. Memory mapping is refused: stores through a mapping
 * would bypass the log.
 */
final class LoggingFileChannel extends FileChannel {
  private static final int TRANSFER_CHUNK = 1 << 16;

  private final LiveFiles live;
  private final FileChannel delegate;
  private final long inode;
  private final boolean append;
  // SYNC (true) or DSYNC (false): every write is followed by that force; null: neither.
  private final Boolean syncEach;

  LoggingFileChannel(
      LiveFiles live, FileChannel delegate, long inode, boolean append, Boolean syncEach) {
    this.live = live;
    this.delegate = delegate;
    this.inode = inode;
    this.append = append;
    this.syncEach = syncEach;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    synchronized (live.lock()) {
      long at = append ? delegate.size() : delegate.position();
      ByteBuffer written = src.duplicate();
      int n = delegate.write(src);
      record(at, written, n);
      return n;
    }
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += write(srcs[i]);
    }
    return total;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    synchronized (live.lock()) {
      ByteBuffer written = src.duplicate();
      int n = delegate.write(src, position);
      record(position, written, n);
      return n;
    }
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    synchronized (live.lock()) {
      long before = delegate.size();
      delegate.truncate(size);
      // FileChannel.truncate never grows a file: only a cut changes it.
      if (size < before) {
        live.logTruncate(inode, size);
      }
    }
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    synchronized (live.lock()) {
      delegate.force(metaData);
      live.logForce(inode, metaData);
    }
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    if (position > size()) {
      return 0;
    }
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(count, TRANSFER_CHUNK));
    long done = 0;
    while (done < count) {
      chunk.clear().limit((int) Math.min(chunk.capacity(), count - done));
      if (src.read(chunk) <= 0) {
        break;
      }
      chunk.flip();
      done += write(chunk, position + done);
    }
    return done;
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException(
        "memory mapping would bypass the crash log; use reads and writes");
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return new ForwardingLock(this, delegate.lock(position, size, shared));
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    FileLock lock = delegate.tryLock(position, size, shared);
    return lock == null ? null : new ForwardingLock(this, lock);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }

  private void record(long at, ByteBuffer written, int n) {
    if (n > 0) {
      byte[] bytes = new byte[n];
      written.get(bytes);
      live.logWrite(inode, at, bytes);
      if (syncEach != null) {
        live.logForce(inode, syncEach);
      }
    }
  }

  /** Jimfs's lock, reporting this channel as its channel. */
  private static final class ForwardingLock extends FileLock {
    private final FileLock delegate;

    ForwardingLock(FileChannel channel, FileLock delegate) {
      super(channel, delegate.position(), delegate.size(), delegate.isShared());
      this.delegate = delegate;
    }

    @Override
    public boolean isValid() {
      return delegate.isValid();
    }

    @Override
    public void release() throws IOException {
      delegate.release();
    }
  }
}
