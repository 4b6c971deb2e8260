package io.powercut.fs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One state a power loss may leave a file system in: the crash position in the {@link FileOpLog}
 * plus which pending operations reached the disk, the file-level sibling of the block level's
 * {@code CrashState}.
 *
 * <ul>
 *   <li><b>survivors</b>: ranges of log indices; a range {@code a-b} stands for every operation
 *       still pending at the crash position (under the point's {@link PersistenceMode}) whose index
 *       lies in {@code [a, b]}; durable operations, syncs and marks in between are skipped. Both
 *       ends of a range must be pending operations.
 *   <li><b>tears</b>: a surviving write that landed only in some of its 512-byte file sectors: bit
 *       {@code i} of the mask is the write's {@code i}-th sector (counted from the sector holding
 *       its first byte). A mask is neither empty (a lost write) nor full (an intact one).
 * </ul>
 *
 * The token ({@link #toToken()}, {@link #parse}) is the block level's grammar without misdirects
 * and bit rot, {@code p42:s3,7-19:t19=f0}; see {@link FsCrashStateToken}.
 */
public final class FsCrashState {
  /** The sector a write may tear at. */
  public static final int SECTOR_SIZE = 512;

  /** The longest token {@link #parse} accepts. */
  public static final int MAX_TOKEN_LENGTH = 1 << 24;

  private final int position;
  // Pairs lo, hi (inclusive): ascending, disjoint and not adjacent.
  private final int[] ranges;
  private final TreeMap<Integer, BigInteger> tears;

  private FsCrashState(Builder b) {
    position = b.position;
    ranges = merge(b.ranges);
    tears = new TreeMap<>(b.tears);
    for (int write : tears.keySet()) {
      if (!covers(write)) {
        throw new IllegalArgumentException(
            "expected torn write "
                + write
                + " among the survivors, got "
                + FsCrashStateToken.write(this));
      }
    }
  }

  /** Starts a state for a crash at {@code position}. */
  public static Builder at(int position) {
    return new Builder(position);
  }

  /** The number of 512-byte file sectors {@code write} touches. */
  public static int sectorsOf(FileOp.Write write) {
    long first = write.offset() / SECTOR_SIZE;
    long last = (write.offset() + write.length() - 1) / SECTOR_SIZE;
    return (int) (last - first + 1);
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
    for (int k = 0; k < ranges.length && ranges[k] <= index; k += 2) {
      if (index <= ranges[k + 1]) {
        return true;
      }
    }
    return false;
  }

  /** Torn writes: log index to the mask of its sectors that landed. */
  public SortedMap<Integer, BigInteger> tears() {
    return Collections.unmodifiableSortedMap(tears);
  }

  /** The short text form; {@code parse(toToken())} equals this state. */
  public String toToken() {
    return FsCrashStateToken.write(this);
  }

  /** Parses a token written by {@link #toToken()}; throws {@link IllegalArgumentException}. */
  public static FsCrashState parse(String token) {
    return FsCrashStateToken.parse(token);
  }

  int[] ranges() {
    return ranges;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FsCrashState s
        && position == s.position
        && Arrays.equals(ranges, s.ranges)
        && tears.equals(s.tears);
  }

  @Override
  public int hashCode() {
    return (31 * position + Arrays.hashCode(ranges)) * 31 + tears.hashCode();
  }

  @Override
  public String toString() {
    return toToken();
  }

  private static int[] merge(List<int[]> raw) {
    List<int[]> sorted = new ArrayList<>(raw);
    sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
    int[] out = new int[sorted.size() * 2];
    int n = 0;
    for (int[] r : sorted) {
      // Overlapping and adjacent ranges name the same operations as their union.
      if (n > 0 && (long) r[0] <= (long) out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], r[1]);
      } else {
        out[n++] = r[0];
        out[n++] = r[1];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Collects the parts of a state; {@link #build()} canonicalizes and validates them. */
  public static final class Builder {
    private final int position;
    private final List<int[]> ranges = new ArrayList<>();
    private final TreeMap<Integer, BigInteger> tears = new TreeMap<>();

    private Builder(int position) {
      if (position < 0) {
        throw new IllegalArgumentException("expected a non-negative position, got " + position);
      }
      this.position = position;
    }

    /** Operation {@code index} survives. */
    public Builder survive(int index) {
      return survive(index, index);
    }

    /** Every pending operation with index in {@code [lo, hi]} survives. */
    public Builder survive(int lo, int hi) {
      if (lo < 0 || lo > hi || hi >= position) {
        throw new IllegalArgumentException(
            "expected an ascending survivor range within [0, "
                + position
                + "), got "
                + lo
                + "-"
                + hi);
      }
      ranges.add(new int[] {lo, hi});
      return this;
    }

    /** Surviving write {@code write} is torn: only the sectors in {@code sectorMask} landed. */
    public Builder tear(int write, BigInteger sectorMask) {
      if (sectorMask.signum() <= 0) {
        throw new IllegalArgumentException(
            "expected a non-empty sector mask for the tear of write "
                + write
                + ", got "
                + sectorMask);
      }
      if (tears.putIfAbsent(write, sectorMask) != null) {
        throw new IllegalArgumentException("expected write " + write + " torn once, got twice");
      }
      return this;
    }

    public FsCrashState build() {
      return new FsCrashState(this);
    }
  }
}
