package io.powercut.device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One state a power loss may leave the disk in: the crash position in the {@link IoLog} plus which
 * unflushed writes reached the medium, and how some of them went wrong.
 *
 * <ul>
 *   <li><b>survivors</b>: ranges of log indices; a range {@code a-b} stands for every write that is
 *       still unflushed at the crash position and whose index lies in {@code [a, b]} (flushed
 *       writes, FUA writes, flushes and marks in between are not losable and are skipped). Both
 *       ends of a range must themselves be unflushed writes. Survivors reach the medium in log
 *       order, so when several versions of one block survive, the latest wins; choosing which
 *       versions of a block survive chooses the version the block ends up with.
 *   <li><b>tears</b>: a surviving write applied only partly: sector mask bit {@code i} set means
 *       sector {@code i} (512 bytes) holds the new data, clear means it kept the old data. A mask
 *       is neither empty (that is a dropped write) nor full (that is an intact write).
 *   <li><b>misdirects</b>: a surviving write landed on another block; its own block keeps the old
 *       data.
 *   <li><b>bit rot</b>: bits flipped in a block of the final image, bit {@code i} being bit {@code
 *       i % 8} of byte {@code i / 8}.
 * </ul>
 *
 * <p>In a log of several devices (a {@link FaultyDeviceGroup}) log indices are global, so a write
 * names its device and so does a misdirect (which stays on the device of its write); only bit rot
 * names a device, 0 unless said otherwise.
 *
 * <p>The text token ({@link #toToken()}, {@link #parse}) prints a state so it can be replayed; its
 * grammar is in {@link CrashStateToken}.
 */
public final class CrashState {
  /** The longest token {@link #parse} accepts. */
  public static final int MAX_TOKEN_LENGTH = 1 << 24;

  private final int position;
  // Pairs lo, hi (inclusive): ascending, disjoint and not adjacent.
  private final int[] ranges;
  private final int[] tearWrites;
  private final long[] tearMasks;
  private final int[] misdirectWrites;
  private final long[] misdirectTargets;
  // Sorted by (device, block).
  private final int[] rotDevices;
  private final long[] rotBlocks;
  private final int[][] rotBits;

  private static final int[] NO_INTS = {};
  private static final long[] NO_LONGS = {};
  private static final int[][] NO_BITS = {};

  /** A state of survivors alone: {@code ranges} already canonical (as {@link #mergeRanges}). */
  private CrashState(int position, int[] ranges) {
    this.position = position;
    this.ranges = ranges;
    tearWrites = NO_INTS;
    tearMasks = NO_LONGS;
    misdirectWrites = NO_INTS;
    misdirectTargets = NO_LONGS;
    rotDevices = NO_INTS;
    rotBlocks = NO_LONGS;
    rotBits = NO_BITS;
  }

  /**
   * The state at {@code position} in which exactly the flagged ones of the ascending {@code
   * unflushed} writes survive, built without a {@link Builder}: the enumerator makes one per
   * distinct subset, most of which the checker merges.
   */
  static CrashState survivors(int position, int[] unflushed, boolean[] survive) {
    if (survive.length != unflushed.length) {
      throw new IllegalArgumentException(
          survive.length + " flags for " + unflushed.length + " unflushed writes");
    }
    int[] out = new int[survive.length + 1];
    int n = 0;
    // One range per run of consecutive unflushed writes: the writes between two runs include a
    // lost one, so no two ranges touch and the ranges are canonical.
    for (int i = 0; i < survive.length; i++) {
      if (survive[i]) {
        int j = i;
        while (j + 1 < survive.length && survive[j + 1]) {
          j++;
        }
        out[n++] = unflushed[i];
        out[n++] = unflushed[j];
        i = j;
      }
    }
    if (n > 0 && (out[0] < 0 || out[n - 1] >= position)) {
      throw new IllegalArgumentException(
          "survivors " + out[0] + "-" + out[n - 1] + " are not within [0, " + position + ")");
    }
    return new CrashState(position, n == 0 ? NO_INTS : Arrays.copyOf(out, n));
  }

  private CrashState(Builder b) {
    position = b.position;
    ranges = mergeRanges(b.ranges);
    int t = b.tears.size();
    tearWrites = new int[t];
    tearMasks = new long[t];
    int i = 0;
    for (var e : b.tears.entrySet()) {
      tearWrites[i] = e.getKey();
      tearMasks[i++] = e.getValue();
    }
    int m = b.misdirects.size();
    misdirectWrites = new int[m];
    misdirectTargets = new long[m];
    i = 0;
    for (var e : b.misdirects.entrySet()) {
      misdirectWrites[i] = e.getKey();
      misdirectTargets[i++] = e.getValue();
    }
    int r = b.rot.size();
    rotDevices = new int[r];
    rotBlocks = new long[r];
    rotBits = new int[r][];
    i = 0;
    for (var e : b.rot.entrySet()) {
      rotDevices[i] = e.getKey().device();
      rotBlocks[i] = e.getKey().block();
      rotBits[i++] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
    }
    for (int w : tearWrites) {
      requireCovered(w, "torn");
    }
    for (int w : misdirectWrites) {
      requireCovered(w, "misdirected");
    }
  }

  /**
   * The state at {@code position} in which every one of the ascending {@code unflushed} writes
   * survives: what a clean shutdown would leave.
   */
  static CrashState allSurvive(int position, int[] unflushed) {
    Builder b = at(position);
    if (unflushed.length > 0) {
      b.survive(unflushed[0], unflushed[unflushed.length - 1]);
    }
    return b.build();
  }

  /** Starts a state for a crash at {@code position}. */
  public static Builder at(int position) {
    return new Builder(position);
  }

  public int position() {
    return position;
  }

  /** The survivor ranges as pairs {@code lo, hi} (inclusive), ascending. */
  public int[] survivorRanges() {
    return ranges.clone();
  }

  /** Whether {@code index} lies in a survivor range. */
  public boolean covers(int index) {
    // Binary search over the range starts.
    int lo = 0;
    int hi = ranges.length / 2;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ranges[2 * mid + 1] < index) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < ranges.length / 2 && ranges[2 * lo] <= index;
  }

  /** Whether any write survives at all. */
  public boolean hasSurvivors() {
    return ranges.length > 0;
  }

  /** Whether the state has tears, misdirects or bit rot (beyond plain dropping). */
  public boolean hasFaults() {
    return tearWrites.length + misdirectWrites.length + rotBlocks.length > 0;
  }

  /** Torn writes: write index to sector mask of the sectors that hold new data. */
  public SortedMap<Integer, Long> tears() {
    TreeMap<Integer, Long> map = new TreeMap<>();
    for (int i = 0; i < tearWrites.length; i++) {
      map.put(tearWrites[i], tearMasks[i]);
    }
    return Collections.unmodifiableSortedMap(map);
  }

  /** How many writes land in part (no map to build). */
  public int tearCount() {
    return tearWrites.length;
  }

  /** Misdirected writes: write index to the block it landed on. */
  public SortedMap<Integer, Long> misdirects() {
    TreeMap<Integer, Long> map = new TreeMap<>();
    for (int i = 0; i < misdirectWrites.length; i++) {
      map.put(misdirectWrites[i], misdirectTargets[i]);
    }
    return Collections.unmodifiableSortedMap(map);
  }

  /** Whether bits rot on any device. */
  public boolean hasBitRot() {
    return rotBlocks.length > 0;
  }

  /** How many writes land on another block than their own. */
  public int misdirectCount() {
    return misdirectWrites.length;
  }

  /** The log index of misdirected write {@code i}, in ascending order of index. */
  public int misdirectWrite(int i) {
    return misdirectWrites[i];
  }

  /** The device of rotted block {@code i}, {@code i < bitRotCount()} (no map to build). */
  public int bitRotDevice(int i) {
    return rotDevices[i];
  }

  /** How many blocks rot, over every device. */
  public int bitRotCount() {
    return rotBlocks.length;
  }

  /**
   * Rotted blocks: block to its flipped bit positions, ascending. For a state of one device: throws
   * {@link IllegalStateException} if bits rot on a device other than 0.
   */
  public SortedMap<Long, List<Integer>> bitRot() {
    for (int device : rotDevices) {
      if (device != 0) {
        throw new IllegalStateException(
            "state " + this + " rots bits on device " + device + ": name the device");
      }
    }
    return bitRot(0);
  }

  /** The rotted blocks of {@code device}, ascending, without their bits (no map to build). */
  public long[] bitRotBlocks(int device) {
    long[] out = new long[rotBlocks.length];
    int n = 0;
    for (int i = 0; i < rotBlocks.length; i++) {
      if (rotDevices[i] == device) {
        out[n++] = rotBlocks[i];
      }
    }
    long[] blocks = Arrays.copyOf(out, n);
    Arrays.sort(blocks);
    return blocks;
  }

  /** Rotted blocks of {@code device}: block to its flipped bit positions, ascending. */
  public SortedMap<Long, List<Integer>> bitRot(int device) {
    TreeMap<Long, List<Integer>> map = new TreeMap<>();
    for (int i = 0; i < rotBlocks.length; i++) {
      if (rotDevices[i] == device) {
        map.put(rotBlocks[i], Arrays.stream(rotBits[i]).boxed().toList());
      }
    }
    return Collections.unmodifiableSortedMap(map);
  }

  /** The sector mask of write {@code write} if it is torn, else -1 meaning all sectors. */
  long sectorMaskOf(int write, long fullMask) {
    int i = Arrays.binarySearch(tearWrites, write);
    return i >= 0 ? tearMasks[i] : fullMask;
  }

  /** The block write {@code write} landed on if misdirected, else {@code ownBlock}. */
  long targetOf(int write, long ownBlock) {
    int i = Arrays.binarySearch(misdirectWrites, write);
    return i >= 0 ? misdirectTargets[i] : ownBlock;
  }

  int[] tearWrites() {
    return tearWrites;
  }

  long[] tearMasks() {
    return tearMasks;
  }

  int[] misdirectWrites() {
    return misdirectWrites;
  }

  long[] misdirectTargets() {
    return misdirectTargets;
  }

  int[] rotDevices() {
    return rotDevices;
  }

  long[] rotBlocks() {
    return rotBlocks;
  }

  int[][] rotBits() {
    return rotBits;
  }

  int[] ranges() {
    return ranges;
  }

  /** The short text form; {@code parse(toToken())} equals this state. */
  public String toToken() {
    return CrashStateToken.write(this);
  }

  /** Parses a token written by {@link #toToken()}; throws {@link IllegalArgumentException}. */
  public static CrashState parse(String token) {
    return CrashStateToken.parse(token);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CrashState c
        && position == c.position
        && Arrays.equals(ranges, c.ranges)
        && Arrays.equals(tearWrites, c.tearWrites)
        && Arrays.equals(tearMasks, c.tearMasks)
        && Arrays.equals(misdirectWrites, c.misdirectWrites)
        && Arrays.equals(misdirectTargets, c.misdirectTargets)
        && Arrays.equals(rotDevices, c.rotDevices)
        && Arrays.equals(rotBlocks, c.rotBlocks)
        && Arrays.deepEquals(rotBits, c.rotBits);
  }

  @Override
  public int hashCode() {
    int h = position;
    h = 31 * h + Arrays.hashCode(ranges);
    h = 31 * h + Arrays.hashCode(tearWrites);
    h = 31 * h + Arrays.hashCode(tearMasks);
    h = 31 * h + Arrays.hashCode(misdirectWrites);
    h = 31 * h + Arrays.hashCode(misdirectTargets);
    h = 31 * h + Arrays.hashCode(rotDevices);
    h = 31 * h + Arrays.hashCode(rotBlocks);
    return 31 * h + Arrays.deepHashCode(rotBits);
  }

  @Override
  public String toString() {
    return toToken();
  }

  private void requireCovered(int write, String what) {
    if (!covers(write)) {
      throw new IllegalArgumentException(
          "write " + write + " is " + what + " but not among the survivors");
    }
  }

  private static int[] mergeRanges(List<int[]> raw) {
    List<int[]> sorted = new ArrayList<>(raw);
    sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
    int[] out = new int[sorted.size() * 2];
    int n = 0;
    for (int[] r : sorted) {
      // Merge overlapping and adjacent ranges: [3,4] and [5,9] are the same writes as [3,9].
      if (n > 0 && (long) r[0] <= (long) out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], r[1]);
      } else {
        out[n++] = r[0];
        out[n++] = r[1];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Collects the parts of a crash state; {@link #build()} canonicalizes and validates them. */
  public static final class Builder {
    private final int position;
    private final List<int[]> ranges = new ArrayList<>();
    private final TreeMap<Integer, Long> tears = new TreeMap<>();
    private final TreeMap<Integer, Long> misdirects = new TreeMap<>();
    private final TreeMap<RotSite, TreeSet<Integer>> rot = new TreeMap<>();

    private Builder(int position) {
      if (position < 0) {
        throw new IllegalArgumentException("position " + position + " is negative");
      }
      this.position = position;
    }

    /** Write {@code index} survives. */
    public Builder survive(int index) {
      return survive(index, index);
    }

    /** Every unflushed write with index in {@code [lo, hi]} survives. */
    public Builder survive(int lo, int hi) {
      if (lo < 0 || lo > hi || hi >= position) {
        throw new IllegalArgumentException(
            "survivor range " + lo + "-" + hi + " is not ascending within [0, " + position + ")");
      }
      ranges.add(new int[] {lo, hi});
      return this;
    }

    /** Surviving write {@code write} is torn: only the sectors in {@code sectorMask} landed. */
    public Builder tear(int write, long sectorMask) {
      if (sectorMask == 0) {
        throw new IllegalArgumentException("tear of write " + write + " with an empty mask");
      }
      putOnce(tears, write, sectorMask, "torn");
      return this;
    }

    /** Surviving write {@code write} landed on {@code target} instead of its own block. */
    public Builder misdirect(int write, long target) {
      if (target < 0) {
        throw new IllegalArgumentException("misdirect target " + target + " is negative");
      }
      putOnce(misdirects, write, target, "misdirected");
      return this;
    }

    /** Bit {@code bit} of {@code block} is flipped in the final image. */
    public Builder rot(long block, int bit) {
      return rot(0, block, bit);
    }

    /** Bit {@code bit} of {@code block} of device {@code device} is flipped in the final image. */
    public Builder rot(int device, long block, int bit) {
      if (device < 0 || block < 0 || bit < 0) {
        throw new IllegalArgumentException(
            "bit rot at device " + device + " block " + block + " bit " + bit);
      }
      RotSite site = new RotSite(device, block);
      if (!rot.computeIfAbsent(site, b -> new TreeSet<>()).add(bit)) {
        throw new IllegalArgumentException("bit " + bit + " of " + site + " rots twice");
      }
      return this;
    }

    public CrashState build() {
      return new CrashState(this);
    }

    private static <V> void putOnce(TreeMap<Integer, V> map, int write, V value, String what) {
      if (write < 0) {
        throw new IllegalArgumentException(what + " write " + write + " is negative");
      }
      if (map.putIfAbsent(write, value) != null) {
        throw new IllegalArgumentException("write " + write + " is " + what + " twice");
      }
    }
  }

  /** A block of a device, ordered by device then block. */
  private record RotSite(int device, long block) implements Comparable<RotSite> {
    @Override
    public int compareTo(RotSite o) {
      int byDevice = Integer.compare(device, o.device);
      return byDevice != 0 ? byDevice : Long.compare(block, o.block);
    }

    @Override
    public String toString() {
      return device == 0 ? "block " + block : "block " + block + " of device " + device;
    }
  }
}
