package io.powercut.thin;

import io.powercut.pdata.NoSpaceException;
import io.powercut.pdata.btree.WouldBlockException;
import io.powercut.thin.PoolOperationException.Reason;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The pool's lock and failure protocol. Lookups share the read lock, everything else takes the
 * write lock. A refusal (a bad request, no space before the reserve check passed) leaves the pool
 * as it was; any other failure in the middle of a change leaves it <em>failed</em>: then only
 * {@link #abort} and {@link #close} are allowed, and the last commit is what remains.
 */
final class PoolGuard {
  /** A modification, run under the write lock. */
  interface Change {
    void run() throws IOException;
  }

  /** Work that returns a value, run under a lock. */
  interface Action<T> {
    T get() throws IOException;
  }

  /** A lookup that never waits for IO, run under the read lock. */
  interface NonBlocking<T> {
    T get() throws IOException, WouldBlockException;
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final PoolTransaction t;
  private boolean failed;
  private boolean closed;

  PoolGuard(PoolTransaction t) {
    this.t = t;
  }

  /** Whether a failure left the pool needing {@link #abort}. */
  boolean isFailed() {
    return failed;
  }

  /**
   * Runs a modification. Refusals leave the pool as it was; any other failure may have left it
   * half-changed, so the pool fails until aborted.
   */
  void change(Change c) throws IOException {
    changeAndGet(
        () -> {
          c.run();
          return null;
        });
  }

  /** {@link #change} for a modification that returns a value. */
  <T> T changeAndGet(Action<T> a) throws IOException {
    return write(
        () -> {
          checkUsable();
          boolean wasDirty = t.dirty;
          // Set first: an operation that commits inside clears it.
          t.dirty = true;
          t.reserved = false;
          try {
            return a.get();
          } catch (NoSpaceException e) {
            // Out of metadata after the reserve check passed: the change may be half-made.
            failed = t.reserved && e.space() == NoSpaceException.Space.METADATA;
            t.dirty = wasDirty || failed;
            throw e;
          } catch (PoolOperationException e) {
            t.dirty = wasDirty;
            throw e;
          } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
          }
        });
  }

  /** Commits, if anything changed; a commit that failed half-way fails the pool. */
  void commit() throws IOException {
    write(
        () -> {
          checkUsable();
          if (t.dirty) {
            try {
              t.commit();
            } catch (IOException | RuntimeException e) {
              // A commit that failed half-way must not be retried on top of what it wrote.
              failed = true;
              throw e;
            }
          }
          return null;
        });
  }

  /** Drops every change since the last commit and clears a failed state. */
  void abort() throws IOException {
    write(
        () -> {
          checkOpen();
          failed = true;
          t.openDevices.aborted();
          t.load();
          failed = false;
          return null;
        });
  }

  /**
   * Commits pending changes (unless failed) and closes; refused (BUSY) while a thin device is open,
   * as the kernel's dm_pool_metadata_close.
   */
  void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      if (t.openDevices.anyOpen()) {
        throw new PoolOperationException(
            Reason.BUSY, "cannot close the pool while thin devices are open");
      }
      try {
        if (!failed && t.dirty) {
          t.commit();
        }
      } finally {
        closed = true;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code a} under the write lock, with no check of the pool's state. */
  <T> T write(Action<T> a) throws IOException {
    lock.writeLock().lock();
    try {
      return a.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs a lookup under the read lock, on a usable pool. */
  <T> T read(Action<T> a) throws IOException {
    lock.readLock().lock();
    try {
      checkUsable();
      return a.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** {@link #read} for a lookup that never waits for IO. */
  <T> T readNonBlocking(NonBlocking<T> a) throws IOException, WouldBlockException {
    lock.readLock().lock();
    try {
      checkUsable();
      return a.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  void checkOpen() throws PoolOperationException {
    if (closed) {
      throw new PoolOperationException(Reason.FAILED, "the pool is closed");
    }
  }

  void checkUsable() throws PoolOperationException {
    checkOpen();
    if (failed) {
      throw new PoolOperationException(
          Reason.FAILED, "an earlier failure left the pool needing abort");
    }
  }
}
