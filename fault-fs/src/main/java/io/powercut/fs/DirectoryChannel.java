package io.powercut.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A directory opened for reading, as {@code FileChannel.open(dir, READ)}: Lucene and H2 open a
 * directory this way only to {@link #force} it, which logs a directory sync. As on Linux, reading a
 * directory's bytes fails and writing it is not allowed.
 */
final class DirectoryChannel extends FileChannel {
  private final LiveFiles live;
  private final long inode;
  private final String path;

  DirectoryChannel(LiveFiles live, long inode, String path) {
    this.live = live;
    this.inode = inode;
    this.path = path;
  }

  @Override
  public void force(boolean metaData) {
    synchronized (live.lock()) {
      live.logDirSync(path, inode);
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    throw isDirectory();
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    throw isDirectory();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    throw isDirectory();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src, long position) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return 0;
  }

  @Override
  public FileChannel position(long newPosition) {
    return this;
  }

  @Override
  public long size() {
    return 0;
  }

  @Override
  public FileChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    throw isDirectory();
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new NonWritableChannelException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw isDirectory();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    throw isDirectory();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    throw isDirectory();
  }

  @Override
  protected void implCloseChannel() {
    // Nothing is held open.
  }

  private IOException isDirectory() {
    return new IOException(path + ": Is a directory");
  }
}
