package io.powercut.checker;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one crash (the image of each device of the subject): recovers the subject from it and
 * compares what it reads back with the committed states the model allows. A plain power loss must
 * recover one of them exactly, with a clean structural check; a crash with injected damage may
 * instead be detected as corruption, but recovering wrong data without noticing is a violation
 * either way.
 */
public final class CrashOracle<O, S> {
  private final Subject<O, S> subject;
  private final Model<O, S> comparer;

  public CrashOracle(Subject<O, S> subject) {
    this.subject = subject;
    this.comparer = subject.newModel();
  }

  /** Judges the image of a subject of one device. */
  public Judgement judge(BlockDevice image, List<S> allowed, FaultClass fault) {
    return judge(List.of(image), allowed, fault);
  }

  /** Judges the images one power loss left on every device of the subject, indexed by device. */
  public Judgement judge(List<? extends BlockDevice> images, List<S> allowed, FaultClass fault) {
    return judge(comparer, () -> subject.recover(images), allowed, fault);
  }

  /** A recovery from one crash, whatever it recovers from (block images, a file system). */
  @FunctionalInterface
  public interface RecoveryRun<S> {
    Recovery<S> recover() throws IOException;
  }

  /**
   * Runs {@code recovery} and judges it against the states {@code allowed}, compared by {@code
   * comparer}'s {@link Model#diff}: the rule every level of the checker judges a crash by.
   */
  public static <S> Judgement judge(
      Model<?, S> comparer, RecoveryRun<S> recovery, List<S> allowed, FaultClass fault) {
    Recovery<S> r;
    try {
      r = recovery.recover();
    } catch (IOException | RuntimeException e) {
      // Recovery must report corruption, not throw: anything thrown is a bug in the engine.
      return new Judgement(Verdict.VIOLATION, "recovery threw " + e);
    }
    if (!r.clean()) {
      String what =
          r.corruption() != null
              ? "recovery failed: " + r.corruption()
              : "structural check: " + String.join("; ", r.problems());
      return new Judgement(fault == FaultClass.DROP ? Verdict.VIOLATION : Verdict.DETECTED, what);
    }
    for (S s : allowed) {
      if (comparer.matches(s, r.state())) {
        return new Judgement(
            fault == FaultClass.DROP ? Verdict.OK : Verdict.MASKED, "", r.leaked());
      }
    }
    List<String> diffs = new ArrayList<>();
    for (S s : allowed) {
      String d = comparer.diff(s, r.state());
      if (d == null) {
        throw new IllegalStateException("the model's diff and matches disagree on " + r.state());
      }
      diffs.add(d);
    }
    return new Judgement(Verdict.VIOLATION, explain(diffs));
  }

  /** What a recovered state differs from: the last commit, or each side of an operation. */
  private static String explain(List<String> diffs) {
    if (diffs.size() == 1) {
      return "recovered state differs from the last committed state: " + diffs.get(0);
    }
    StringBuilder s =
        new StringBuilder("recovered state is neither the state before the interrupted operation (")
            .append(diffs.get(0))
            .append(")");
    // Between them: states the operation commits part-way (e.g. before it takes a snapshot).
    for (String midway : diffs.subList(1, diffs.size() - 1)) {
      s.append(", nor a state it commits part-way (").append(midway).append(")");
    }
    return s.append(" nor the state after it (")
        .append(diffs.get(diffs.size() - 1))
        .append(")")
        .toString();
  }
}
