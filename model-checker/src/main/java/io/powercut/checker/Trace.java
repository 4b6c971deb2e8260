package io.powercut.checker;

import io.powercut.device.BlockDevice;
import io.powercut.device.FaultyDeviceGroup;
import io.powercut.device.IoFaults;
import io.powercut.device.IoLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload run on devices that record every IO (a {@link FaultyDeviceGroup}, one device per
 * initial image of the subject, all in one log): the operations, their outcomes, where each one
 * starts and ends in the IO log, and which committed states a crash during or after it may recover.
 * Everything a crash check needs, built once per workload.
 */
public final class Trace<O, S> {
  private final List<O> ops;
  private final IoErrorPlan ioFault;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final OpTimeline<S> timeline;
  private final FaultyDeviceGroup group;
  private String liveViolation;
  private int stoppedAt = -1;

  private Trace(List<O> ops, IoErrorPlan ioFault, S initial, FaultyDeviceGroup group) {
    this.ops = ops;
    this.ioFault = ioFault;
    this.timeline = new OpTimeline<>(initial);
    this.group = group;
  }

  /**
   * Runs {@code ops} from the subject's initial image. The run stops at the first operation whose
   * outcome the model rejects (a live violation) or that failed (after an IO error the engine must
   * refuse to go on, so nothing later is meaningful). The IO error goes to its device alone.
   */
  public static <O, S> Trace<O, S> run(Subject<O, S> subject, List<O> ops, IoErrorPlan faults)
      throws IOException {
    List<BlockDevice> images = subject.initialImages();
    if (faults.device() >= images.size()) {
      throw new IllegalArgumentException(
          "io fault " + faults + " for a subject of " + images.size() + " devices");
    }
    List<IoFaults> plans = new ArrayList<>(images.size());
    for (int d = 0; d < images.size(); d++) {
      plans.add(d == faults.device() ? faults.faults() : IoFaults.none());
    }
    FaultyDeviceGroup group = new FaultyDeviceGroup(images, plans);
    Model<O, S> model = subject.newModel();
    Trace<O, S> t = new Trace<>(List.copyOf(ops), faults, model.committed(), group);
    OperationCodec<O> codec = subject.codec();
    try (Engine<O> engine = subject.start(group.members())) {
      for (int i = 0; i < ops.size(); i++) {
        O op = ops.get(i);
        S before = model.committed();
        t.timeline.begin(group.mark("op " + i + " " + codec.format(op)));
        Outcome outcome = engine.apply(op);
        int end = group.mark("op " + i + " end");
        String problem = model.apply(op, outcome);
        t.outcomes.add(outcome);
        t.timeline.end(end, model.allowedDuring(before), model.committed());
        if (problem != null) {
          t.liveViolation = "op " + i + " (" + codec.format(op) + "): " + problem;
          t.stoppedAt = i;
          break;
        }
        if (outcome.kind() == Outcome.Kind.FAILED) {
          t.stoppedAt = i;
          t.probe(subject, engine, model);
          break;
        }
      }
    }
    return t;
  }

  /** After a failure, the engine must refuse to go on (e.g. to commit over a failed write). */
  private void probe(Subject<O, S> subject, Engine<O> engine, Model<O, S> model) {
    O probe = subject.probeAfterFailure();
    if (probe == null) {
      return;
    }
    group.mark("probe " + subject.codec().format(probe));
    Outcome outcome = engine.apply(probe);
    group.mark("probe end");
    String problem = model.apply(probe, outcome);
    if (problem != null) {
      liveViolation =
          "after op " + stoppedAt + " failed, " + subject.codec().format(probe) + ": " + problem;
    }
  }

  /** The IO error injected into this run, or {@link IoErrorPlan#NONE}. */
  public IoErrorPlan ioFault() {
    return ioFault;
  }

  public List<O> ops() {
    return ops;
  }

  /** Outcomes of the operations that ran (a prefix of {@link #ops()} if the run stopped). */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /** The devices the run wrote, one per initial image of the subject. */
  public FaultyDeviceGroup group() {
    return group;
  }

  /** The log every device of the run appended to. */
  public IoLog log() {
    return group.log();
  }

  /** The first outcome the model rejected, or null. */
  public String liveViolation() {
    return liveViolation;
  }

  /** Index of the operation the run stopped at (violation or failure), or -1 if all ran. */
  public int stoppedAt() {
    return stoppedAt;
  }

  public int opsRun() {
    return outcomes.size();
  }

  /**
   * The operation whose IO contains log entry {@code index}, or -1 if it lies between operations.
   */
  public int opAt(int index) {
    return timeline.opAt(index);
  }

  /**
   * How many operations, from the start, a crash right after log entry {@code index} depends on:
   * the one in progress, or every one that had finished.
   */
  public int opsBefore(int index) {
    return timeline.opsBefore(index);
  }

  /**
   * The committed states a power loss right after log entry {@code index} may recover: both sides
   * of an operation that was in progress, else the state after the last finished one.
   */
  public List<S> allowedAfterEntry(int index) {
    return timeline.allowedAfterEntry(index);
  }

  /** The states a crash at the end of the run may recover. */
  public List<S> allowedAtEnd() {
    boolean failed = stoppedAt >= 0 && outcomes.get(stoppedAt).kind() == Outcome.Kind.FAILED;
    return timeline.allowedAtEnd(failed ? stoppedAt : -1);
  }
}
