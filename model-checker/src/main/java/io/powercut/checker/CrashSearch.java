package io.powercut.checker;

import io.powercut.device.AccessTrackingDevice;
import io.powercut.device.CrashImage;
import io.powercut.device.CrashState;
import io.powercut.device.CrashStateEnumerator;
import io.powercut.device.GroupCrashPoint;
import io.powercut.device.IoLog;
import io.powercut.property.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Cuts the power at every point of a {@link Trace} (after each write, flush and FUA, and at the
 * end) and judges every crash state the enumerator gives there. A power cut hits every device of
 * the subject at once: each state gives one image per device, judged together.
 *
 * <p>States are merged when that cannot change the verdict: recovery is deterministic, so a state
 * whose image holds the same bytes as an already-judged one in every block that judgement read gets
 * the same verdict. Before a commit writes its superblock, every unflushed write is a shadow the
 * durable superblock cannot reach, so all the states at such a point merge into one.
 */
public final class CrashSearch<O, S> {
  private final Subject<O, S> subject;
  private final CrashOracle<O, S> oracle;
  private final SearchOptions options;

  public CrashSearch(Subject<O, S> subject, SearchOptions options) {
    this.subject = subject;
    this.oracle = new CrashOracle<>(subject);
    this.options = options;
  }

  public SearchOptions options() {
    return options;
  }

  /** Checks every crash point of the trace; returns the first violation, or null. */
  public Finding<O> search(Trace<O, S> trace, CampaignStats stats) throws IOException {
    if (trace.liveViolation() != null) {
      stats.violations++;
      return Finding.live(trace.ops(), trace.ioFault(), trace.liveViolation());
    }
    long opsHash = opsHash(trace);
    for (int p : crashPositions(trace.log())) {
      int op = trace.opAt(p - 1);
      if (op >= 0) {
        stats.coverage.crashPoint(subject.kindOf(trace.ops().get(op)));
      }
      List<S> allowed =
          p == trace.log().size() ? trace.allowedAtEnd() : trace.allowedAfterEntry(p - 1);
      Finding<O> f = searchPoint(trace, p, allowed, opsHash, stats);
      if (f != null) {
        stats.violations++;
        return f;
      }
    }
    return null;
  }

  /**
   * The cheap check: only the end of the run, with every write landed (a clean stop). Most broken
   * commits leave a committed image that is wrong even then, so shrinking tries this first.
   */
  public Finding<O> searchEnd(Trace<O, S> trace) {
    if (trace.liveViolation() != null) {
      return Finding.live(trace.ops(), trace.ioFault(), trace.liveViolation());
    }
    CrashState all = trace.group().crashPoint(trace.log().size()).allSurvive();
    Judgement j = judge(trace, all);
    return j.isViolation()
        ? Finding.crash(trace.ops(), trace.ioFault(), all, j.explanation())
        : null;
  }

  /** Judges one crash state of a trace (no merging): for shrinking and replay. */
  public Judgement judge(Trace<O, S> trace, CrashState state) {
    int p = state.position();
    List<S> allowed =
        p == trace.log().size() ? trace.allowedAtEnd() : trace.allowedAfterEntry(p - 1);
    return oracle.judge(trace.group().crashPoint(p).images(state), allowed, FaultClass.of(state));
  }

  /** Positions right after every write, FUA and flush, and the end of the log. */
  static int[] crashPositions(IoLog log) {
    int[] out = new int[log.size() + 1];
    int n = 0;
    for (int i = 0; i < log.size(); i++) {
      if (log.kind(i) != IoLog.Kind.MARK) {
        out[n++] = i + 1;
      }
    }
    if (n == 0 || out[n - 1] != log.size()) {
      out[n++] = log.size();
    }
    return Arrays.copyOf(out, n);
  }

  private Finding<O> searchPoint(
      Trace<O, S> trace, int p, List<S> allowed, long opsHash, CampaignStats stats)
      throws IOException {
    GroupCrashPoint point = trace.group().crashPoint(p);
    CrashStateEnumerator.Result r = CrashStateEnumerator.enumerate(point, options.enumeration());
    stats.crashPoints++;
    if (r.exhaustive()) {
      stats.exhaustivePoints++;
    } else {
      stats.sampledPoints++;
    }
    List<CrashState> states = new ArrayList<>(r.states().size());
    for (CrashState st : r.states()) {
      if (guarded(point, st)) {
        states.add(st);
      }
    }
    stats.crashStates += states.size();
    stats.duplicatesSkipped += r.duplicatesSkipped();
    stats.unflushedHistogram.merge(r.unflushedWrites(), 1L, Long::sum);
    List<Judged> judged = new ArrayList<>();
    for (CrashState st : states) {
      FaultClass fault = FaultClass.of(st);
      Judgement j = null;
      if (options.merge()) {
        for (Judged earlier : judged) {
          if (earlier.fault == fault && sameWhereRead(point, earlier, st)) {
            j = earlier.judgement;
            stats.statesMerged++;
            break;
          }
        }
      }
      if (j == null) {
        List<CrashImage> images = point.images(st);
        List<AccessTrackingDevice> tracking = new ArrayList<>(images.size());
        for (CrashImage image : images) {
          tracking.add(new AccessTrackingDevice(image));
        }
        j = oracle.judge(tracking, allowed, fault);
        stats.statesRecovered++;
        j = secondOpinion(point, st, j, stats);
        List<BitSet> read = new ArrayList<>(tracking.size());
        for (AccessTrackingDevice t : tracking) {
          read.add(t.blocksRead());
        }
        judged.add(new Judged(st, fault, images, read, j));
      }
      stats.record(fault, j.verdict());
      if (j.leaked() > 0) {
        stats.statesWithLeaks++;
        stats.leakedBlocks += j.leaked();
      }
      stats.stateDigest += fingerprint(opsHash, p, st, j.verdict());
      if (j.isViolation()) {
        return Finding.crash(trace.ops(), trace.ioFault(), st, j.explanation());
      }
    }
    return null;
  }

  /**
   * Whether every misdirected write and rotten block of {@code st} lies on a device the subject
   * guards against media damage: on another device damage proves only that the device lies.
   */
  private boolean guarded(GroupCrashPoint point, CrashState st) {
    for (int write : st.misdirects().keySet()) {
      if (!subject.guardsAgainstDamage(point.log().device(write))) {
        return false;
      }
    }
    for (int d = 0; d < point.deviceCount(); d++) {
      if (st.bitRotBlocks(d).length > 0 && !subject.guardsAgainstDamage(d)) {
        return false;
      }
    }
    return true;
  }

  private Judgement secondOpinion(
      GroupCrashPoint point, CrashState st, Judgement j, CampaignStats stats) throws IOException {
    int every = options.secondOpinionEvery();
    // A hash of the state picks the sample, so the same states are sampled in every run.
    if (every <= 0
        || j.isViolation()
        || j.verdict() == Verdict.DETECTED
        || Math.floorMod(st.hashCode() * 31 + point.position(), every) != 0) {
      return j;
    }
    stats.secondOpinions++;
    String complaint = subject.secondOpinion(point.images(st));
    if (complaint == null) {
      return j;
    }
    stats.secondOpinionDisagreements++;
    return new Judgement(Verdict.VIOLATION, "second opinion rejects the image: " + complaint);
  }

  /** An already-judged state, with its image and the blocks its judgement read on each device. */
  private record Judged(
      CrashState state,
      FaultClass fault,
      List<CrashImage> images,
      List<BitSet> read,
      Judgement judgement) {}

  // A changed block as one sortable key: its device in the top bits, the block below.
  private static final int DEVICE_SHIFT = 56;
  private static final long BLOCK_MASK = (1L << DEVICE_SHIFT) - 1;

  private static long blockKey(int device, long block) {
    if (block < 0 || block > BLOCK_MASK) {
      throw new IllegalArgumentException("block " + block + " of device " + device);
    }
    return ((long) device << DEVICE_SHIFT) | block;
  }

  /**
   * Whether {@code st} holds the same bytes as {@code earlier} in every block the earlier judgement
   * read, on every device. Only blocks some crash state changed can differ.
   */
  private static boolean sameWhereRead(GroupCrashPoint point, Judged earlier, CrashState st)
      throws IOException {
    List<CrashImage> images = null;
    byte[] a = null;
    byte[] b = null;
    for (long key : changedBlocks(point, earlier.state, st)) {
      int device = (int) (key >>> DEVICE_SHIFT);
      long block = key & BLOCK_MASK;
      // AccessTrackingDevice refuses devices of more than Integer.MAX_VALUE blocks.
      if (!earlier.read.get(device).get((int) block)) {
        continue;
      }
      if (images == null) {
        images = point.images(st);
      }
      CrashImage image = images.get(device);
      if (a == null || a.length != image.blockSize()) {
        a = new byte[image.blockSize()];
        b = new byte[image.blockSize()];
      }
      earlier.images.get(device).read(block, a);
      image.read(block, b);
      if (!Arrays.equals(a, b)) {
        return false;
      }
    }
    return true;
  }

  /** Blocks (as {@link #blockKey} keys) where either state's images may differ from the base. */
  private static long[] changedBlocks(GroupCrashPoint point, CrashState x, CrashState y) {
    IoLog log = point.log();
    int[] unflushed = point.unflushedWrites();
    long[] out = new long[2 * unflushed.length + x.bitRotCount() + y.bitRotCount()];
    int n = 0;
    for (CrashState s : new CrashState[] {x, y}) {
      for (int w : unflushed) {
        if (s.covers(w)) {
          Long target = s.misdirects().get(w);
          out[n++] = blockKey(log.device(w), target != null ? target : log.block(w));
        }
      }
      for (int d = 0; d < point.deviceCount(); d++) {
        for (long block : s.bitRotBlocks(d)) {
          out[n++] = blockKey(d, block);
        }
      }
    }
    Arrays.sort(out, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct == 0 || out[i] != out[distinct - 1]) {
        out[distinct++] = out[i];
      }
    }
    return Arrays.copyOf(out, distinct);
  }

  private static long fingerprint(long opsHash, int position, CrashState st, Verdict v) {
    long h = Seeds.derive(opsHash, position);
    h = Seeds.derive(h, st.hashCode());
    return Seeds.derive(h, v.ordinal());
  }

  /** The workload's hash for the state digest: of the codec text, the same in every process. */
  private long opsHash(Trace<O, S> trace) {
    List<String> text = new ArrayList<>(trace.ops().size());
    for (O op : trace.ops()) {
      text.add(subject.codec().format(op));
    }
    return text.hashCode();
  }
}
