package io.powercut.device;

import java.io.IOException;
import java.util.Objects;

/**
 * A block device that can lose power. It wraps a pristine device, which it treats as the initial
 * image and never writes, and keeps every completed IO in an {@link IoLog}; writes sit in a {@link
 * VolatileWriteCache} until a flush (or, per block, a FUA write) makes them durable. Reads see the
 * latest writes, as a disk cache is coherent for reads.
 *
 * <p>{@link #powerLoss(CrashState)} answers "what if the power failed now (or at an earlier
 * position)": it returns the {@link CrashImage} the disk would hold, and leaves this device
 * running, so one run can be crashed at every point. IO errors come only from the explicit {@link
 * IoFaults} plan given at construction.
 *
 * <p>Closing this device does not close the pristine device: crash images keep reading it, and
 * whoever created it closes it.
 */
public final class FaultyDevice extends CheckedBlockDevice {
  private final BlockDevice pristine;
  private final IoFaults faults;
  private final IoLog log;
  // The cache mirrors the log, so the log may only grow through the appender.
  private final LogAppender appender;
  private final int device;
  private final VolatileWriteCache cache = new VolatileWriteCache();
  private final long[] operations = new long[IoOp.values().length];
  private CrashPoint lastPoint;

  /** A device over {@code pristine} that never fails an IO. */
  public FaultyDevice(BlockDevice pristine) {
    this(pristine, IoFaults.none());
  }

  /** A device over {@code pristine} that fails IOs as {@code faults} plans. */
  public FaultyDevice(BlockDevice pristine, IoFaults faults) {
    this(
        pristine,
        faults,
        new LogAppender(new IoLog(BlockGeometry.of(Objects.requireNonNull(pristine, "pristine")))),
        0);
  }

  /** Device {@code device} of a group whose devices all append to the log of {@code appender}. */
  FaultyDevice(BlockDevice pristine, IoFaults faults, LogAppender appender, int device) {
    super(BlockGeometry.of(Objects.requireNonNull(pristine, "pristine")));
    this.pristine = pristine;
    this.faults = Objects.requireNonNull(faults, "faults");
    this.appender = appender;
    this.log = appender.log();
    this.device = device;
    log.geometry(device).checkSame(geometry(), "device " + device + " of the log");
  }

  /** This device's number in its log: 0 alone, its place in a {@link FaultyDeviceGroup}. */
  public int device() {
    return device;
  }

  /**
   * The live log of this device (shared by every device of its group). Append to it only through
   * this device or its group.
   */
  public IoLog log() {
    return log;
  }

  /** The initial image this device was built over. */
  public BlockDevice pristine() {
    return pristine;
  }

  public IoFaults faults() {
    return faults;
  }

  /** The number of writes a power loss right now could drop. */
  public int unflushedWrites() {
    return cache.size();
  }

  /** How many operations of kind {@code op} were issued, failed ones included. */
  public long operations(IoOp op) {
    return operations[op.ordinal()];
  }

  /** Adds a free-text mark to the log, e.g. "commit begin"; returns its position in the log. */
  public int mark(String label) {
    checkOpen();
    return appender.mark(label);
  }

  @Override
  public void read(long block, byte[] dst) throws IOException {
    checkAccess(block, dst);
    inject(IoOp.READ, "read", block);
    int latest = log.latestWriteBefore(device, block, log.size());
    if (latest >= 0) {
      log.readPayload(latest, dst);
    } else {
      pristine.read(block, dst);
    }
  }

  @Override
  public void write(long block, byte[] src) throws IOException {
    checkAccess(block, src);
    appender.checkUntouched();
    inject(IoOp.WRITE, "write", block);
    cache.write(appender.write(device, block, src), block);
  }

  @Override
  public void writeFua(long block, byte[] src) throws IOException {
    checkAccess(block, src);
    appender.checkUntouched();
    inject(IoOp.WRITE, "writeFua", block);
    appender.fua(device, block, src);
    cache.fua(block);
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    appender.checkUntouched();
    inject(IoOp.FLUSH, "flush", -1);
    appender.flush(device);
    cache.flush();
  }

  /** Stops IO on this device; the log, crash points and crash images stay usable. */
  @Override
  public void close() {
    markClosed();
  }

  /** The crash at the current end of the log. */
  public CrashPoint crashPoint() {
    return crashPoint(log.size());
  }

  /**
   * The crash at {@code position} of the log, as this device alone sees it (in a group, {@link
   * FaultyDeviceGroup#crashPoint(int)} cuts every device); the last one built is reused.
   */
  public CrashPoint crashPoint(int position) {
    appender.checkUntouched();
    log.checkPosition(position);
    if (lastPoint == null || lastPoint.position() != position) {
      int[] unflushed =
          position == log.size()
              ? cache.unflushedWrites()
              : VolatileWriteCache.at(log, device, position).unflushedWrites();
      lastPoint = new CrashPoint(pristine, log, device, position, unflushed);
    }
    return lastPoint;
  }

  /** The disk after a power loss in {@code state}; this device itself keeps running. */
  public CrashImage powerLoss(CrashState state) {
    return crashPoint(state.position()).image(state);
  }

  @Override
  public String toString() {
    return "FaultyDevice[" + geometry() + ", " + log.size() + " log entries, " + cache + "]";
  }

  private void inject(IoOp op, String call, long block) throws InjectedIoException {
    long number = operations[op.ordinal()]++;
    if (faults.fails(op, number)) {
      throw new InjectedIoException(op, call, number, block);
    }
  }
}
