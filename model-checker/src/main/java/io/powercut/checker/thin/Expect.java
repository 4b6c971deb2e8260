package io.powercut.checker.thin;

import io.powercut.checker.Outcome;

/**
 * How {@link ThinModel} and {@link PoolQueries} word a judgement: null when the engine's outcome is
 * the one the model expects, else what is wrong; the {@link Runnable} forms advance the model only
 * when the outcome is right.
 */
final class Expect {
  private Expect() {}

  /** A clean refusal for {@code reason}; {@code why} says why the model refuses. */
  static String refused(Outcome outcome, ThinRefusal reason, String why) {
    if (outcome.isRefused(reason)) {
      return null;
    }
    return "expected refusal (" + reason.word() + ": " + why + "), got " + outcome;
  }

  /** Success, whatever the value. */
  static String ok(Outcome outcome) {
    return outcome.kind() == Outcome.Kind.OK ? null : "expected success, got " + outcome;
  }

  /** Success, then {@code then}. */
  static String ok(Outcome outcome, Runnable then) {
    String wrong = ok(outcome);
    if (wrong == null) {
      then.run();
    }
    return wrong;
  }

  /** Success with exactly {@code value}. */
  static String value(Outcome outcome, long value) {
    return value(outcome, value, () -> {});
  }

  /** Success with exactly {@code value}, then {@code then}. */
  static String value(Outcome outcome, long value, Runnable then) {
    if (outcome.kind() != Outcome.Kind.OK || outcome.value() != value) {
      return "expected ok " + value + ", got " + outcome;
    }
    then.run();
    return null;
  }
}
