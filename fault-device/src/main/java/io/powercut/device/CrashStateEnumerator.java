package io.powercut.device;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Lists the states a power loss at one {@link CrashPoint} may leave the disk in, each distinct disk
 * image once.
 *
 * <ul>
 *   <li><b>Exhaustive</b> when the point has at most {@link Options#bound()} unflushed writes:
 *       every subset of them (and so every choice of version per block) is considered.
 *   <li><b>Sampled</b> beyond the bound: every in-order prefix (the cache drained in order up to a
 *       point), every all-but-one (a single lost write), each family thinned to at most {@link
 *       Options#samples()} evenly spaced members, plus {@link Options#samples()} random subsets,
 *       each with its own random survival probability so both sparse and dense subsets occur.
 *   <li><b>Fault variants</b>, when enabled, {@link Options#faultSamples()} states per class: a
 *       torn or misdirected write (the most recent unflushed writes first, with the writes before
 *       it surviving), and bit rot in a random state (in a block the log wrote, or any block).
 * </ul>
 *
 * Two states are the same when every block of their images holds the same bytes; the check is exact
 * (contents are hashed into buckets, then compared byte for byte), so two versions with equal
 * bytes, or a write of the bytes a block already held, yield one state. Every random choice comes
 * from {@link Options#seed()} and the position: the same inputs give the same states in the same
 * order.
 */
public final class CrashStateEnumerator {
  /** The largest bound: 2^20 subsets is the most one crash point may enumerate. */
  public static final int MAX_BOUND = 20;

  /** The largest sample count. */
  public static final int MAX_SAMPLES = 1 << 20;

  private final CrashPoint point;
  private final IoLog log;
  private final Options options;
  private final SplittableRandom random;
  private final int[] unflushed;
  private final long[] pendingBlocks;
  private final int[] slotOf;
  private final int[] classOf;
  private final HashMap<Long, BlockContents> contents = new HashMap<>();
  private final HashSet<ImageKey> seen = new HashSet<>();
  private final List<CrashState> states = new ArrayList<>();
  private long duplicates;

  private CrashStateEnumerator(CrashPoint point, Options options) throws IOException {
    this.point = point;
    this.log = point.log();
    this.options = options;
    this.random = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L * point.position());
    this.unflushed = point.unflushedWrites();
    int n = unflushed.length;
    long[] blocks = new long[n];
    for (int i = 0; i < n; i++) {
      blocks[i] = log.block(unflushed[i]);
    }
    this.pendingBlocks = Arrays.stream(blocks).sorted().distinct().toArray();
    this.slotOf = new int[n];
    this.classOf = new int[n];
    for (int i = 0; i < n; i++) {
      slotOf[i] = Arrays.binarySearch(pendingBlocks, blocks[i]);
      classOf[i] = contentsOf(blocks[i]).classOf(log.payloadRef(unflushed[i]));
    }
  }

  /** The distinct crash states at {@code point}. */
  public static Result enumerate(CrashPoint point, Options options) throws IOException {
    CrashStateEnumerator e = new CrashStateEnumerator(point, options);
    boolean exhaustive = e.enumerateSubsets();
    e.enumerateFaults();
    return new Result(
        point.position(), e.unflushed.length, exhaustive, e.duplicates, List.copyOf(e.states));
  }

  /** The distinct crash states at {@code position} of {@code log} run over {@code initial}. */
  public static Result enumerate(BlockDevice initial, IoLog log, int position, Options options)
      throws IOException {
    return enumerate(CrashPoint.of(initial, log, position), options);
  }

  // Returns whether every subset was considered.
  private boolean enumerateSubsets() {
    int n = unflushed.length;
    if (!options.drop()) {
      offerSubset(allSurvive());
      return true;
    }
    if (n <= options.bound()) {
      for (int mask = 0; mask < 1 << n; mask++) {
        boolean[] survive = new boolean[n];
        for (int i = 0; i < n; i++) {
          survive[i] = (mask >>> i & 1) != 0;
        }
        offerSubset(survive);
      }
      return true;
    }
    for (int length : evenlySpaced(n + 1, options.samples())) {
      offerSubset(prefix(length));
    }
    for (int lost : evenlySpaced(n, options.samples())) {
      boolean[] survive = allSurvive();
      survive[lost] = false;
      offerSubset(survive);
    }
    for (int s = 0; s < options.samples(); s++) {
      offerSubset(randomSubset(random.nextDouble()));
    }
    return false;
  }

  private void enumerateFaults() throws IOException {
    int n = unflushed.length;
    BlockGeometry geometry = log.geometry();
    if (options.torn() && n > 0 && geometry.sectorsPerBlock() > 1) {
      for (int s = 0; s < options.faultSamples(); s++) {
        int victim = n - 1 - s % n;
        offerFaulty(
            baseFor(victim).tear(unflushed[victim], randomTear(geometry.fullSectorMask())).build());
      }
    }
    if (options.misdirect() && n > 0 && geometry.blockCount() > 1) {
      long[] written = log.blocksWrittenBefore(point.position());
      for (int s = 0; s < options.faultSamples(); s++) {
        int victim = n - 1 - s % n;
        long own = log.block(unflushed[victim]);
        offerFaulty(
            baseFor(victim).misdirect(unflushed[victim], randomTarget(own, written)).build());
      }
    }
    if (options.bitRot()) {
      long[] written = log.blocksWrittenBefore(point.position());
      int bits = geometry.blockSize() * Byte.SIZE;
      for (int s = 0; s < options.faultSamples(); s++) {
        CrashState.Builder b = builderFor(options.drop() ? randomSubset(0.5) : allSurvive());
        long block =
            written.length > 0 && random.nextBoolean()
                ? written[random.nextInt(written.length)]
                : random.nextLong(geometry.blockCount());
        TreeSet<Integer> flipped = new TreeSet<>();
        int want = 1 + random.nextInt(3);
        // Bounded: a few draws from thousands of bits; a repeat just flips fewer bits.
        for (int attempt = 0; attempt < 2 * want && flipped.size() < want; attempt++) {
          int bit = random.nextInt(bits);
          if (flipped.add(bit)) {
            b.rot(block, bit);
          }
        }
        offerFaulty(b.build());
      }
    }
  }

  // The survivors a faulty write is shown with: the writes up to it, or all when none may drop.
  private CrashState.Builder baseFor(int victim) {
    return builderFor(options.drop() ? prefix(victim + 1) : allSurvive());
  }

  // Masks in the shapes disks tear in: the first sectors landed, the last ones, or any scatter.
  private long randomTear(long full) {
    int sectors = Long.bitCount(full);
    int cut = 1 + random.nextInt(sectors - 1);
    long firstSectors = (1L << cut) - 1;
    return switch (random.nextInt(3)) {
      case 0 -> firstSectors;
      case 1 -> full & ~firstSectors;
      default -> {
        long mask = random.nextLong() & full;
        yield mask == 0 ? 1 : mask == full ? full & ~1L : mask;
      }
    };
  }

  // Targets a misdirected write really hits: a neighbour, a block with live data, or any block.
  private long randomTarget(long own, long[] written) {
    long count = log.blockCount();
    long target =
        switch (random.nextInt(3)) {
          case 0 -> own + 1 < count ? own + 1 : own - 1;
          case 1 -> written.length > 0 ? written[random.nextInt(written.length)] : own;
          default -> own;
        };
    if (target == own) {
      target = random.nextLong(count - 1);
      target = target >= own ? target + 1 : target;
    }
    return target;
  }

  private boolean[] allSurvive() {
    boolean[] survive = new boolean[unflushed.length];
    Arrays.fill(survive, true);
    return survive;
  }

  private boolean[] prefix(int length) {
    boolean[] survive = new boolean[unflushed.length];
    Arrays.fill(survive, 0, length, true);
    return survive;
  }

  private boolean[] randomSubset(double probability) {
    boolean[] survive = new boolean[unflushed.length];
    for (int i = 0; i < survive.length; i++) {
      survive[i] = random.nextDouble() < probability;
    }
    return survive;
  }

  // At most `count` members of [0, size), evenly spaced, always including both ends.
  private static int[] evenlySpaced(int size, int count) {
    if (size <= count) {
      return IntStream.range(0, size).toArray();
    }
    if (count == 1) {
      return new int[] {size - 1};
    }
    int[] picks = new int[count];
    for (int j = 0; j < count; j++) {
      picks[j] = (int) ((long) j * (size - 1) / (count - 1));
    }
    return picks;
  }

  private void offerSubset(boolean[] survive) {
    // Fast exact key: the content class of each pending block is that of its latest survivor.
    int[] classes = new int[pendingBlocks.length];
    for (int i = 0; i < survive.length; i++) {
      if (survive[i]) {
        classes[slotOf[i]] = classOf[i];
      }
    }
    long[] pairs = new long[2 * pendingBlocks.length];
    int n = 0;
    for (int slot = 0; slot < classes.length; slot++) {
      if (classes[slot] != 0) {
        pairs[n++] = pendingBlocks[slot];
        pairs[n++] = classes[slot];
      }
    }
    if (seen.add(new ImageKey(Arrays.copyOf(pairs, n)))) {
      states.add(builderFor(survive).build());
    } else {
      duplicates++;
    }
  }

  private void offerFaulty(CrashState state) throws IOException {
    // General exact key: read each block the image overlays and intern its bytes.
    CrashImage image = point.image(state);
    long[] blocks = image.overlaidBlocks();
    long[] pairs = new long[2 * blocks.length];
    int n = 0;
    for (long block : blocks) {
      byte[] content = new byte[log.blockSize()];
      image.read(block, content);
      int cls = contentsOf(block).classOf(content);
      if (cls != 0) {
        pairs[n++] = block;
        pairs[n++] = cls;
      }
    }
    if (seen.add(new ImageKey(Arrays.copyOf(pairs, n)))) {
      states.add(state);
    } else {
      duplicates++;
    }
  }

  private CrashState.Builder builderFor(boolean[] survive) {
    CrashState.Builder b = CrashState.at(point.position());
    // One range per run of consecutive unflushed writes keeps tokens short.
    for (int i = 0; i < survive.length; i++) {
      if (survive[i]) {
        int j = i;
        while (j + 1 < survive.length && survive[j + 1]) {
          j++;
        }
        b.survive(unflushed[i], unflushed[j]);
        i = j;
      }
    }
    return b;
  }

  private BlockContents contentsOf(long block) throws IOException {
    BlockContents c = contents.get(block);
    if (c == null) {
      byte[] base = new byte[log.blockSize()];
      point.readDurable(block, base);
      c = new BlockContents(base);
      contents.put(block, c);
    }
    return c;
  }

  /** The distinct contents seen for one block; class 0 is its durable base. */
  private static final class BlockContents {
    private final List<byte[]> distinct = new ArrayList<>();
    private final List<Integer> hashes = new ArrayList<>();

    BlockContents(byte[] base) {
      classOf(base);
    }

    // Callers hand over arrays they never modify again.
    int classOf(byte[] content) {
      int hash = Arrays.hashCode(content);
      for (int i = 0; i < distinct.size(); i++) {
        if (hashes.get(i) == hash && Arrays.equals(distinct.get(i), content)) {
          return i;
        }
      }
      distinct.add(content);
      hashes.add(hash);
      return distinct.size() - 1;
    }
  }

  /** A disk image up to equality: (block, content class) for each block that left its base. */
  private record ImageKey(long[] pairs) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ImageKey k && Arrays.equals(pairs, k.pairs);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(pairs);
    }
  }

  /**
   * What {@link #enumerate} found.
   *
   * @param position the crash position
   * @param unflushedWrites how many writes a power loss there may drop
   * @param exhaustive whether every subset of them was considered (fault variants are sampled)
   * @param duplicatesSkipped candidate states skipped because an earlier one had the same image
   * @param states the distinct states, in a deterministic order
   */
  public record Result(
      int position,
      int unflushedWrites,
      boolean exhaustive,
      long duplicatesSkipped,
      List<CrashState> states) {}

  /**
   * How to enumerate. Immutable; start from {@link #seeded(long)} and adjust with the {@code with}
   * methods. Plain dropping (with reordering and versions) is on by default, being what a power
   * loss does; the other fault classes are off until asked for.
   */
  public static final class Options {
    private final long seed;
    private final int bound;
    private final int samples;
    private final int faultSamples;
    private final boolean drop;
    private final boolean torn;
    private final boolean misdirect;
    private final boolean bitRot;

    private Options(
        long seed,
        int bound,
        int samples,
        int faultSamples,
        boolean drop,
        boolean torn,
        boolean misdirect,
        boolean bitRot) {
      if (bound < 0 || bound > MAX_BOUND) {
        throw new IllegalArgumentException("bound " + bound + " is not in [0, " + MAX_BOUND + "]");
      }
      if (samples < 1 || samples > MAX_SAMPLES) {
        throw new IllegalArgumentException(
            "samples " + samples + " is not in [1, " + MAX_SAMPLES + "]");
      }
      if (faultSamples < 0 || faultSamples > MAX_SAMPLES) {
        throw new IllegalArgumentException(
            "fault samples " + faultSamples + " is not in [0, " + MAX_SAMPLES + "]");
      }
      this.seed = seed;
      this.bound = bound;
      this.samples = samples;
      this.faultSamples = faultSamples;
      this.drop = drop;
      this.torn = torn;
      this.misdirect = misdirect;
      this.bitRot = bitRot;
    }

    /**
     * Defaults: bound 10, 256 samples, 16 fault samples per enabled class, drop on, torn, misdirect
     * and bit rot off.
     */
    public static Options seeded(long seed) {
      return new Options(seed, 10, 256, 16, true, false, false, false);
    }

    public long seed() {
      return seed;
    }

    /** Up to this many unflushed writes, every subset is enumerated. */
    public int bound() {
      return bound;
    }

    /** Beyond the bound: random subsets, and the most prefixes and all-but-ones. */
    public int samples() {
      return samples;
    }

    /** States per enabled fault class (torn, misdirect, bit rot). */
    public int faultSamples() {
      return faultSamples;
    }

    /** Whether unflushed writes may be lost; off means every one survives. */
    public boolean drop() {
      return drop;
    }

    public boolean torn() {
      return torn;
    }

    public boolean misdirect() {
      return misdirect;
    }

    public boolean bitRot() {
      return bitRot;
    }

    public Options withSeed(long seed) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    public Options withBound(int bound) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    public Options withSamples(int samples) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    public Options withFaultSamples(int faultSamples) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    public Options withDrop(boolean drop) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    public Options withTorn(boolean torn) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    public Options withMisdirect(boolean misdirect) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    public Options withBitRot(boolean bitRot) {
      return new Options(seed, bound, samples, faultSamples, drop, torn, misdirect, bitRot);
    }

    @Override
    public String toString() {
      return "Options[seed "
          + seed
          + ", bound "
          + bound
          + ", samples "
          + samples
          + ", fault samples "
          + faultSamples
          + ", drop "
          + drop
          + ", torn "
          + torn
          + ", misdirect "
          + misdirect
          + ", bit rot "
          + bitRot
          + "]";
    }
  }
}
