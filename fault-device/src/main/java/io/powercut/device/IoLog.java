package io.powercut.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * The ordered record of every completed IO of a run, in the spirit of Linux dm-log-writes: writes
 * (with their payloads), FUA writes, flushes, and free-text marks that the engine or the checker
 * inserts ("op 12 begin", "commit begin"). From the log alone, together with the initial image, the
 * state of the device at any point can be reconstructed and the run replayed exactly.
 *
 * <p>A <em>position</em> is an entry index: a crash at position {@code p} means entries {@code [0,
 * p)} completed and nothing after them was issued, so positions range over {@code [0, size()]}.
 *
 * <p>The log is append-only, which is what makes a {@link CrashPoint} built at a position valid
 * forever. Per-block version lists make the durable content of a block at any position a binary
 * search away.
 *
 * <p>One log may record the IOs of several devices that share a power supply (a {@link
 * FaultyDeviceGroup}): every WRITE, FUA and FLUSH entry then names its device, a flush makes only
 * its own device's writes durable, and positions order the IOs of all devices. The methods that
 * take no device are for a log of one device and refuse a log of several.
 */
public final class IoLog {
  /** What one entry records. */
  public enum Kind {
    /** A write into the volatile cache: durable only after a later flush. */
    WRITE,
    /** A forced-unit-access write: durable when it completed. */
    FUA,
    /** A cache flush: every write before it is durable. */
    FLUSH,
    /** A free-text annotation; no IO. */
    MARK
  }

  /** The longest mark label, in UTF-8 bytes. */
  public static final int MAX_LABEL_BYTES = 1 << 16;

  /** The most entries a log holds; positions are ints and {@code size()} itself is a position. */
  public static final int MAX_ENTRIES = Integer.MAX_VALUE - 1;

  /** The most devices one log records. */
  public static final int MAX_DEVICES = 16;

  // A MARK belongs to no device.
  private record Entry(Kind kind, int device, long block, byte[] payload, String label) {}

  private final List<BlockGeometry> geometries;
  private final ArrayList<Entry> entries = new ArrayList<>();
  // Per device and block, the indices of its WRITE and FUA entries, ascending.
  private final List<HashMap<Long, IntList>> versions = new ArrayList<>();
  // Per device and block, the indices of its FUA entries only, ascending.
  private final List<HashMap<Long, IntList>> fuas = new ArrayList<>();
  private final List<IntList> flushes = new ArrayList<>();

  public IoLog(int blockSize, long blockCount) {
    this(new BlockGeometry(blockSize, blockCount));
  }

  /** A log of one device. */
  public IoLog(BlockGeometry geometry) {
    this(List.of(Objects.requireNonNull(geometry, "geometry")));
  }

  private IoLog(List<BlockGeometry> geometries) {
    this.geometries = List.copyOf(geometries);
    if (this.geometries.isEmpty() || this.geometries.size() > MAX_DEVICES) {
      throw new IllegalArgumentException(
          "a log records 1 to " + MAX_DEVICES + " devices, not " + this.geometries.size());
    }
    for (int d = 0; d < this.geometries.size(); d++) {
      versions.add(new HashMap<>());
      fuas.add(new HashMap<>());
      flushes.add(new IntList());
    }
  }

  /** A log of the devices of {@code geometries}, numbered from 0 in that order. */
  public static IoLog ofDevices(List<BlockGeometry> geometries) {
    return new IoLog(geometries);
  }

  /** How many devices this log records. */
  public int deviceCount() {
    return geometries.size();
  }

  /** The geometry of the only device of this log. */
  public BlockGeometry geometry() {
    return geometry(singleDevice());
  }

  /** The geometry of device {@code device}. */
  public BlockGeometry geometry(int device) {
    checkDevice(device);
    return geometries.get(device);
  }

  public int blockSize() {
    return geometry().blockSize();
  }

  public long blockCount() {
    return geometry().blockCount();
  }

  /** The number of entries, which is also the position just after the last one. */
  public int size() {
    return entries.size();
  }

  /** Appends a cached write of a copy of {@code src}; returns its index. */
  public int appendWrite(long block, byte[] src) {
    return appendBlockEntry(Kind.WRITE, singleDevice(), block, src);
  }

  /** Appends a cached write of a copy of {@code src} to {@code device}; returns its index. */
  public int appendWrite(int device, long block, byte[] src) {
    return appendBlockEntry(Kind.WRITE, device, block, src);
  }

  /** Appends a FUA write of a copy of {@code src}; returns its index. */
  public int appendFua(long block, byte[] src) {
    return appendBlockEntry(Kind.FUA, singleDevice(), block, src);
  }

  /** Appends a FUA write of a copy of {@code src} to {@code device}; returns its index. */
  public int appendFua(int device, long block, byte[] src) {
    return appendBlockEntry(Kind.FUA, device, block, src);
  }

  /** Appends a flush; returns its index. */
  public int appendFlush() {
    return appendFlush(singleDevice());
  }

  /** Appends a flush of {@code device} alone; returns its index. */
  public int appendFlush(int device) {
    checkDevice(device);
    int index = reserveIndex();
    entries.add(new Entry(Kind.FLUSH, device, -1, null, null));
    flushes.get(device).add(index);
    return index;
  }

  /**
   * Appends a mark with a free-text label of at most {@link #MAX_LABEL_BYTES}; returns its index.
   */
  public int appendMark(String label) {
    Objects.requireNonNull(label, "label");
    int bytes = label.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_LABEL_BYTES) {
      throw new IllegalArgumentException(
          "mark label of " + bytes + " UTF-8 bytes exceeds " + MAX_LABEL_BYTES);
    }
    int index = reserveIndex();
    entries.add(new Entry(Kind.MARK, -1, -1, null, label));
    return index;
  }

  public Kind kind(int index) {
    return entry(index).kind();
  }

  /** Whether entry {@code index} is a WRITE or a FUA, the kinds that carry a block and payload. */
  public boolean isWrite(int index) {
    Kind kind = kind(index);
    return kind == Kind.WRITE || kind == Kind.FUA;
  }

  /** The device of a WRITE, FUA or FLUSH entry. */
  public int device(int index) {
    Entry entry = entry(index);
    if (entry.kind() == Kind.MARK) {
      throw new IllegalArgumentException("entry " + index + " is a MARK, of no device");
    }
    return entry.device();
  }

  /** The block of a WRITE or FUA entry. */
  public long block(int index) {
    return writeEntry(index).block();
  }

  /** A copy of the payload of a WRITE or FUA entry. */
  public byte[] payload(int index) {
    return writeEntry(index).payload().clone();
  }

  /** Copies the payload of a WRITE or FUA entry into {@code dst} without allocating. */
  public void readPayload(int index, byte[] dst) {
    Entry entry = writeEntry(index);
    geometries.get(entry.device()).checkBuffer(dst);
    byte[] payload = entry.payload();
    System.arraycopy(payload, 0, dst, 0, payload.length);
  }

  /** The label of a MARK entry. */
  public String label(int index) {
    Entry entry = entry(index);
    if (entry.kind() != Kind.MARK) {
      throw new IllegalArgumentException(
          "entry " + index + " is a " + entry.kind() + ", not a MARK");
    }
    return entry.label();
  }

  /** One line describing entry {@code index}, for reports and failure messages. */
  public String describe(int index) {
    Entry entry = entry(index);
    // A log of one device describes its entries as it always has.
    String device = geometries.size() == 1 ? "" : " device " + entry.device();
    return switch (entry.kind()) {
      case WRITE, FUA -> index + " " + entry.kind() + device + " block " + entry.block();
      case FLUSH -> index + " FLUSH" + device;
      case MARK -> index + " MARK \"" + entry.label() + "\"";
    };
  }

  /** The index of the last FLUSH before {@code position}, or -1 if there is none. */
  public int lastFlushBefore(int position) {
    return lastFlushBefore(singleDevice(), position);
  }

  /** The index of the last FLUSH of {@code device} before {@code position}, or -1. */
  public int lastFlushBefore(int device, int position) {
    checkDevice(device);
    checkPosition(position);
    return flushes.get(device).lastBelow(position);
  }

  /** The index of the last WRITE or FUA to {@code block} before {@code position}, or -1. */
  public int latestWriteBefore(long block, int position) {
    return latestWriteBefore(singleDevice(), block, position);
  }

  /** The index of the last WRITE or FUA to {@code block} of {@code device} before a position. */
  public int latestWriteBefore(int device, long block, int position) {
    geometry(device).checkBlock(block);
    checkPosition(position);
    IntList list = versions.get(device).get(block);
    return list == null ? -1 : list.lastBelow(position);
  }

  /**
   * The index of the write whose content {@code block} durably holds at {@code position}: the later
   * of its last write before the last flush and its last FUA before the position; -1 if the block
   * still holds its initial content.
   */
  public int durableVersion(long block, int position) {
    return durableVersion(singleDevice(), block, position);
  }

  /** As {@link #durableVersion(long, int)}, for {@code block} of {@code device}. */
  public int durableVersion(int device, long block, int position) {
    int lastFlush = lastFlushBefore(device, position);
    int flushed = lastFlush < 0 ? -1 : latestWriteBefore(device, block, lastFlush);
    IntList list = fuas.get(device).get(block);
    int fua = list == null ? -1 : list.lastBelow(position);
    return Math.max(flushed, fua);
  }

  /** The blocks written (WRITE or FUA) before {@code position}, ascending. */
  long[] blocksWrittenBefore(int position) {
    return blocksWrittenBefore(singleDevice(), position);
  }

  /** The blocks of {@code device} written (WRITE or FUA) before {@code position}, ascending. */
  long[] blocksWrittenBefore(int device, int position) {
    checkDevice(device);
    checkPosition(position);
    HashMap<Long, IntList> written = versions.get(device);
    long[] blocks = new long[written.size()];
    int n = 0;
    for (var e : written.entrySet()) {
      if (e.getValue().get(0) < position) {
        blocks[n++] = e.getKey();
      }
    }
    long[] result = Arrays.copyOf(blocks, n);
    // Sorted so callers that pick from it at random stay deterministic.
    Arrays.sort(result);
    return result;
  }

  /**
   * Re-issues entries {@code [0, position)} on {@code target} in order: writes, FUA writes and
   * flushes, and marks too when the target is a {@link FaultyDevice}, so that replaying onto a
   * fresh fault device over the same initial image reproduces this log exactly.
   */
  public void replay(BlockDevice target, int position) throws IOException {
    checkPosition(position);
    geometry().checkSame(BlockGeometry.of(target), "replay target");
    for (int i = 0; i < position; i++) {
      Entry entry = entries.get(i);
      switch (entry.kind()) {
        case WRITE -> target.write(entry.block(), entry.payload());
        case FUA -> target.writeFua(entry.block(), entry.payload());
        case FLUSH -> target.flush();
        case MARK -> {
          if (target instanceof FaultyDevice faulty) {
            faulty.mark(entry.label());
          }
        }
      }
    }
  }

  /** Throws unless {@code position} is in [0, size()]. */
  public void checkPosition(int position) {
    if (position < 0 || position > entries.size()) {
      throw new IllegalArgumentException(
          "position " + position + " is outside the log of " + entries.size() + " entries");
    }
  }

  /** Throws unless {@code device} is a device of this log. */
  public void checkDevice(int device) {
    if (device < 0 || device >= geometries.size()) {
      throw new IllegalArgumentException(
          "device " + device + " is not one of the " + geometries.size() + " of this log");
    }
  }

  @Override
  public String toString() {
    return "IoLog["
        + entries.size()
        + " entries, "
        + (geometries.size() == 1 ? geometries.get(0) : geometries)
        + "]";
  }

  /** The payload itself, not a copy: only for readers in this package that never modify it. */
  byte[] payloadRef(int index) {
    return writeEntry(index).payload();
  }

  private int appendBlockEntry(Kind kind, int device, long block, byte[] src) {
    geometry(device).checkAccess(block, src);
    int index = reserveIndex();
    entries.add(new Entry(kind, device, block, src.clone(), null));
    versions.get(device).computeIfAbsent(block, b -> new IntList()).add(index);
    if (kind == Kind.FUA) {
      fuas.get(device).computeIfAbsent(block, b -> new IntList()).add(index);
    }
    return index;
  }

  // The device the device-less methods mean: the only one.
  private int singleDevice() {
    if (geometries.size() != 1) {
      throw new IllegalStateException(
          "this log records " + geometries.size() + " devices: name the device");
    }
    return 0;
  }

  private int reserveIndex() {
    if (entries.size() >= MAX_ENTRIES) {
      throw new IllegalStateException("the log is full at " + MAX_ENTRIES + " entries");
    }
    return entries.size();
  }

  private Entry entry(int index) {
    if (index < 0 || index >= entries.size()) {
      throw new IllegalArgumentException(
          "entry " + index + " is outside the log of " + entries.size() + " entries");
    }
    return entries.get(index);
  }

  private Entry writeEntry(int index) {
    Entry entry = entry(index);
    if (entry.kind() != Kind.WRITE && entry.kind() != Kind.FUA) {
      throw new IllegalArgumentException(
          "entry " + index + " is a " + entry.kind() + ", not a WRITE or FUA");
    }
    return entry;
  }
}
