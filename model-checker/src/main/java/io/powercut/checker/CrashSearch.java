package io.powercut.checker;

import io.powercut.device.AccessTrackingDevice;
import io.powercut.device.CrashImage;
import io.powercut.device.CrashState;
import io.powercut.device.CrashStateEnumerator;
import io.powercut.device.GroupCrashPoint;
import io.powercut.device.ImageSignature;
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
    List<ImageSignature> signatures = new ArrayList<>(r.states().size());
    for (int i = 0; i < r.states().size(); i++) {
      if (guarded(point, r.states().get(i))) {
        states.add(r.states().get(i));
        signatures.add(r.signatures().get(i));
      }
    }
    stats.crashStates += states.size();
    stats.duplicatesSkipped += r.duplicatesSkipped();
    stats.unflushedHistogram.merge(r.unflushedWrites(), 1L, Long::sum);
    List<Judged> judged = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      CrashState st = states.get(i);
      ImageSignature signature = signatures.get(i);
      FaultClass fault = FaultClass.of(st);
      Judgement j = null;
      if (options.merge()) {
        for (Judged earlier : judged) {
          if (earlier.fault == fault && signature.sameWhere(earlier.signature, earlier)) {
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
        judged.add(new Judged(signature, fault, read, j));
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
    for (int i = 0; i < st.misdirectCount(); i++) {
      if (!subject.guardsAgainstDamage(point.log().device(st.misdirectWrite(i)))) {
        return false;
      }
    }
    for (int i = 0; i < st.bitRotCount(); i++) {
      if (!subject.guardsAgainstDamage(st.bitRotDevice(i))) {
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

  /**
   * An already-judged state: its images' signature and the blocks its judgement read on each
   * device. Recovery is deterministic, so a state that holds the same bytes in all those blocks
   * gets the same verdict.
   */
  private record Judged(
      ImageSignature signature, FaultClass fault, List<BitSet> read, Judgement judgement)
      implements ImageSignature.ReadSet {
    @Override
    public boolean wasRead(int device, long block) {
      // AccessTrackingDevice refuses devices of more than Integer.MAX_VALUE blocks.
      return read.get(device).get(Math.toIntExact(block));
    }
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
