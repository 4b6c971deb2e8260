package io.powercut.device;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A crash at one position of an {@link IoLog}: the durable base (the initial image plus every write
 * made durable before the position, by a flush or by FUA) and the unflushed writes a power loss may
 * drop. Built once per position and shared by every {@link CrashState} checked there, so that
 * materializing a {@link CrashImage} costs only the surviving writes, never a copy of the device.
 *
 * <p>A point stays valid as the log grows (the log is append-only). Its images may be read from
 * several threads once the log has stopped growing, if the initial device allows concurrent reads;
 * while a device still appends to the log, keep to that device's thread.
 *
 * <p>In a log of several devices a point is one device's share of a power cut: its durable base and
 * its unflushed writes, a {@link GroupCrashPoint} holding the share of every device.
 */
public final class CrashPoint {
  private final BlockDevice initial;
  private final IoLog log;
  private final int device;
  private final BlockGeometry geometry;
  private final int position;
  private final int lastFlush;
  private final int[] unflushed;
  // Durable versions looked up already, direct-mapped by block: the recoveries of one point read
  // the same few blocks again and again, and the log's lookup is two hash probes and two binary
  // searches. Entries are immutable, so readers on several threads at worst look a block up twice.
  private final DurableVersion[] durable = new DurableVersion[DURABLE_SLOTS];

  private static final int DURABLE_SLOTS = 256;

  private record DurableVersion(long block, int version) {}

  CrashPoint(BlockDevice initial, IoLog log, int device, int position, int[] unflushed) {
    this.initial = initial;
    this.log = log;
    this.device = device;
    this.geometry = log.geometry(device);
    this.position = position;
    this.lastFlush = log.lastFlushBefore(device, position);
    this.unflushed = unflushed;
  }

  /**
   * The crash at {@code position} of {@code log}, run over {@code initial}, the image the device
   * held before the first logged IO. The initial device is only read, never written.
   */
  public static CrashPoint of(BlockDevice initial, IoLog log, int position) {
    Objects.requireNonNull(initial, "initial");
    log.geometry().checkSame(BlockGeometry.of(initial), "initial device");
    return of(initial, log, 0, position);
  }

  /** Device {@code device}'s share of the crash at {@code position} of a log of several devices. */
  public static CrashPoint of(BlockDevice initial, IoLog log, int device, int position) {
    Objects.requireNonNull(initial, "initial");
    log.geometry(device).checkSame(BlockGeometry.of(initial), "initial device " + device);
    log.checkPosition(position);
    return new CrashPoint(
        initial,
        log,
        device,
        position,
        VolatileWriteCache.at(log, device, position).unflushedWrites());
  }

  public int position() {
    return position;
  }

  /** The device of the log this point is the crash of: 0 for a device alone. */
  public int device() {
    return device;
  }

  public IoLog log() {
    return log;
  }

  /** The index of this device's last flush before the position, or -1. */
  public int lastFlush() {
    return lastFlush;
  }

  /** The log indices of the writes a power loss may drop, ascending. */
  public int[] unflushedWrites() {
    return unflushed.clone();
  }

  public int unflushedCount() {
    return unflushed.length;
  }

  /** Whether entry {@code index} is a write still unflushed at this point. */
  public boolean isUnflushedWrite(int index) {
    return Arrays.binarySearch(unflushed, index) >= 0;
  }

  /** The state in which every unflushed write survives: what a clean shutdown would leave. */
  public CrashState allSurvive() {
    return CrashState.allSurvive(position, unflushed);
  }

  /** The state in which every unflushed write is lost. */
  public CrashState noneSurvive() {
    return CrashState.at(position).build();
  }

  /** Reads the durable content of {@code block} at this point, before any survivor lands. */
  public void readDurable(long block, byte[] dst) throws IOException {
    int slot = (int) block & (DURABLE_SLOTS - 1);
    DurableVersion d = durable[slot];
    if (d == null || d.block != block) {
      d = new DurableVersion(block, log.durableVersion(device, block, position));
      durable[slot] = d;
    }
    int version = d.version;
    if (version >= 0) {
      log.readPayload(version, dst);
    } else {
      initial.read(block, dst);
    }
  }

  /**
   * The disk image after a power loss in {@code state}. Throws {@link IllegalArgumentException} if
   * the state does not fit this point: another position, a survivor range whose ends are not
   * unflushed writes, a tear or misdirect of a write that does not survive, a mask, target or bit
   * outside the device.
   */
  public CrashImage image(CrashState state) {
    if (state.position() != position) {
      throw new IllegalArgumentException(
          "state " + state + " is for position " + state.position() + ", not " + position);
    }
    int[] survivors = resolveSurvivors(state);
    checkFaults(state);
    int n = survivors.length;
    long[] targets = new long[n];
    for (int i = 0; i < n; i++) {
      targets[i] = state.targetOf(survivors[i], log.block(survivors[i]));
    }
    // Layers sorted by (target block, write index): a primitive sort on packed keys, no boxing.
    long[] distinct = targets.clone();
    Arrays.sort(distinct);
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (d == 0 || distinct[d - 1] != distinct[i]) {
        distinct[d++] = distinct[i];
      }
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long rank = Arrays.binarySearch(distinct, 0, d, targets[i]);
      keys[i] = rank << 32 | survivors[i];
    }
    Arrays.sort(keys);
    long[] layerBlocks = new long[n];
    int[] layerWrites = new int[n];
    for (int i = 0; i < n; i++) {
      layerBlocks[i] = distinct[(int) (keys[i] >>> 32)];
      layerWrites[i] = (int) keys[i];
    }
    return new CrashImage(this, state, layerBlocks, layerWrites);
  }

  BlockGeometry geometry() {
    return geometry;
  }

  private int[] resolveSurvivors(CrashState state) {
    int[] ranges = state.ranges();
    int[] survivors = new int[unflushed.length];
    int n = 0;
    for (int k = 0; k < ranges.length; k += 2) {
      int from = unflushedIndexOf(ranges[k], state);
      int to = unflushedIndexOf(ranges[k + 1], state);
      // Ranges are disjoint, ascending and below the position (the builder checks), so survivors
      // stay ascending, fit the array, and every index names a log entry.
      for (int i = from; i <= to; i++) {
        survivors[n++] = unflushed[i];
      }
    }
    return Arrays.copyOf(survivors, n);
  }

  private int unflushedIndexOf(int index, CrashState state) {
    int i = Arrays.binarySearch(unflushed, index);
    if (i < 0) {
      throw new IllegalArgumentException(
          "state "
              + state
              + ": entry "
              + log.describe(index)
              + " is not an unflushed write at "
              + position);
    }
    return i;
  }

  private void checkFaults(CrashState state) {
    long fullMask = geometry.fullSectorMask();
    int[] tearWrites = state.tearWrites();
    long[] masks = state.tearMasks();
    for (int i = 0; i < tearWrites.length; i++) {
      unflushedIndexOf(tearWrites[i], state);
      if ((masks[i] & ~fullMask) != 0 || masks[i] == fullMask) {
        throw new IllegalArgumentException(
            "state "
                + state
                + ": mask "
                + Long.toHexString(masks[i])
                + " is not a tear of a block of "
                + geometry.sectorsPerBlock()
                + " sectors");
      }
    }
    int[] misdirected = state.misdirectWrites();
    long[] targets = state.misdirectTargets();
    for (int i = 0; i < misdirected.length; i++) {
      unflushedIndexOf(misdirected[i], state);
      geometry.checkBlock(targets[i]);
      if (targets[i] == log.block(misdirected[i])) {
        throw new IllegalArgumentException(
            "state " + state + ": write " + misdirected[i] + " is misdirected to its own block");
      }
    }
    int[] rotDevices = state.rotDevices();
    long[] rotBlocks = state.rotBlocks();
    int[][] rotBits = state.rotBits();
    long bits = (long) geometry.blockSize() * Byte.SIZE;
    for (int i = 0; i < rotBlocks.length; i++) {
      if (rotDevices[i] != device) {
        throw new IllegalArgumentException(
            "state " + state + ": bit rot on device " + rotDevices[i] + ", not " + device);
      }
      geometry.checkBlock(rotBlocks[i]);
      if (rotBits[i][rotBits[i].length - 1] >= bits) {
        throw new IllegalArgumentException(
            "state " + state + ": bit " + rotBits[i][rotBits[i].length - 1] + " is not in a block");
      }
    }
  }

  @Override
  public String toString() {
    return "CrashPoint[position "
        + position
        + ", last flush "
        + lastFlush
        + ", "
        + unflushed.length
        + " unflushed writes]";
  }
}
