package io.powercut.device;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lists the states a power loss at one {@link CrashPoint} may leave the disk in, each distinct disk
 * image once.
 *
 * <ul>
 *   <li><b>Exhaustive</b> when the point has at most {@link EnumerationOptions#bound()} unflushed
 *       writes: every subset of them (and so every choice of version per block) is considered.
 *   <li><b>Sampled</b> beyond the bound: every in-order prefix (the cache drained in order up to a
 *       point), every all-but-one (a single lost write), each family thinned to at most {@link
 *       EnumerationOptions#samples()} evenly spaced members, plus {@link
 *       EnumerationOptions#samples()} random subsets, each with its own random survival probability
 *       so both sparse and dense subsets occur.
 *   <li><b>Fault variants</b>, when enabled, {@link EnumerationOptions#faultSamples()} states per
 *       class: a torn or misdirected write (the most recent unflushed writes first, with the writes
 *       before it surviving), and bit rot in a random state (in a block the log wrote, or any
 *       block).
 * </ul>
 *
 * A power cut of a {@link GroupCrashPoint} is enumerated the same way over the union of the
 * unflushed writes of every device (a torn or misdirected write stays on its device, bit rot picks
 * a device). Two states are the same when every block of their images, on every device, holds the
 * same bytes ({@link DistinctImages}). Every random choice comes from {@link
 * EnumerationOptions#seed()} and the position: the same inputs give the same states in the same
 * order.
 */
public final class CrashStateEnumerator {
  private final EnumerationOptions options;
  private final SplittableRandom random;
  private final SurvivorSets sets;
  private final DistinctImages images;
  private final long[] pendingBlocks;
  private final int[] slotOf;
  private final int[] classOf;
  // Per-subset work arrays, reused: a point offers up to 2^bound subsets.
  private final int[] scratchClasses;
  private final long[] scratchPairs;
  private final List<CrashState> states = new ArrayList<>();
  private final List<ImageSignature> signatures = new ArrayList<>();

  private CrashStateEnumerator(GroupCrashPoint point, EnumerationOptions options)
      throws IOException {
    this.options = options;
    this.random = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L * point.position());
    int[] unflushed = point.unflushedWrites();
    this.sets = new SurvivorSets(point.position(), unflushed, random);
    this.images = new DistinctImages(point);
    IoLog log = point.log();
    int n = unflushed.length;
    long[] blocks = new long[n];
    int[] devices = new int[n];
    for (int i = 0; i < n; i++) {
      devices[i] = log.device(unflushed[i]);
      blocks[i] = DistinctImages.key(devices[i], log.block(unflushed[i]));
    }
    this.pendingBlocks = Arrays.stream(blocks).sorted().distinct().toArray();
    this.scratchClasses = new int[pendingBlocks.length];
    this.scratchPairs = new long[2 * pendingBlocks.length];
    this.slotOf = new int[n];
    this.classOf = new int[n];
    for (int i = 0; i < n; i++) {
      slotOf[i] = Arrays.binarySearch(pendingBlocks, blocks[i]);
      classOf[i] =
          images.classOf(devices[i], log.block(unflushed[i]), log.payloadRef(unflushed[i]));
    }
  }

  /** The distinct crash states at {@code point}. */
  public static Result enumerate(CrashPoint point, EnumerationOptions options) throws IOException {
    if (point.log().deviceCount() != 1) {
      throw new IllegalArgumentException(
          point + " is one device's share of a power cut: enumerate its GroupCrashPoint");
    }
    return enumerate(new GroupCrashPoint(List.of(point)), options);
  }

  /** The distinct states of the power cut {@code point}, over the devices of its group. */
  public static Result enumerate(GroupCrashPoint point, EnumerationOptions options)
      throws IOException {
    CrashStateEnumerator e = new CrashStateEnumerator(point, options);
    boolean exhaustive =
        SurvivorSubsets.enumerate(e.sets.size(), options, e.random, e::offerSubset);
    for (CrashState faulty : new FaultSampler(point, options, e.sets, e.random).sample()) {
      ImageSignature signature = e.images.signature(faulty);
      if (e.images.add(signature)) {
        e.states.add(faulty);
        e.signatures.add(signature);
      }
    }
    return new Result(
        point.position(),
        e.sets.size(),
        exhaustive,
        e.images.duplicates(),
        List.copyOf(e.states),
        List.copyOf(e.signatures));
  }

  /** The distinct crash states at {@code position} of {@code log} run over {@code initial}. */
  public static Result enumerate(
      BlockDevice initial, IoLog log, int position, EnumerationOptions options) throws IOException {
    return enumerate(CrashPoint.of(initial, log, position), options);
  }

  private void offerSubset(boolean[] survive) {
    // Fast exact key: the content class of each pending block is that of its latest survivor.
    int[] classes = scratchClasses;
    Arrays.fill(classes, 0);
    for (int i = 0; i < survive.length; i++) {
      if (survive[i]) {
        classes[slotOf[i]] = classOf[i];
      }
    }
    long[] pairs = scratchPairs;
    int n = 0;
    for (int slot = 0; slot < classes.length; slot++) {
      if (classes[slot] != 0) {
        pairs[n++] = pendingBlocks[slot];
        pairs[n++] = classes[slot];
      }
    }
    ImageSignature signature = new ImageSignature(Arrays.copyOf(pairs, n));
    if (images.add(signature)) {
      states.add(sets.survivors(survive));
      signatures.add(signature);
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
   * @param signatures the images of each state, as {@link ImageSignature}s of this point
   */
  public record Result(
      int position,
      int unflushedWrites,
      boolean exhaustive,
      long duplicatesSkipped,
      List<CrashState> states,
      List<ImageSignature> signatures) {
    public Result {
      if (signatures.size() != states.size()) {
        throw new IllegalArgumentException(
            states.size() + " states with " + signatures.size() + " signatures");
      }
    }
  }
}
