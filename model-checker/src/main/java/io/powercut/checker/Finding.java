package io.powercut.checker;

import io.powercut.device.CrashState;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A violation: the workload that led to it (with any injected IO error), where the power went, and
 * what was wrong. Typed throughout the checker; {@link Reproducer} is its text form.
 *
 * @param kind a live violation (an outcome the model rejects, no crash needed) or a crash one
 * @param ops the workload
 * @param ioFault the IO error injected into the run, or {@link IoErrorPlan#NONE}
 * @param crashState the crash state, for a crash violation only (else null)
 * @param message what was wrong
 */
public record Finding<O>(
    Kind kind, List<O> ops, IoErrorPlan ioFault, CrashState crashState, String message) {
  /** Whether a crash was needed to see the violation. */
  public enum Kind {
    LIVE,
    CRASH;

    /** The word reproducer files use: {@code live} or {@code crash}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id}; throws IllegalArgumentException naming the choices. */
    public static Kind byId(String id) {
      for (Kind k : values()) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("kind must be live or crash, got '" + id + "'");
    }
  }

  public Finding {
    Objects.requireNonNull(kind, "kind");
    ops = List.copyOf(ops);
    Objects.requireNonNull(ioFault, "ioFault");
    Objects.requireNonNull(message, "message");
    if ((kind == Kind.CRASH) != (crashState != null)) {
      throw new IllegalArgumentException(
          "a " + kind.id() + " finding with crash state " + crashState);
    }
  }

  public static <O> Finding<O> live(List<O> ops, IoErrorPlan ioFault, String message) {
    return new Finding<>(Kind.LIVE, ops, ioFault, null, message);
  }

  public static <O> Finding<O> crash(
      List<O> ops, IoErrorPlan ioFault, CrashState state, String message) {
    return new Finding<>(Kind.CRASH, ops, ioFault, state, message);
  }

  /** The fault class of the crash state; {@link FaultClass#DROP} for a live violation. */
  public FaultClass fault() {
    return crashState == null ? FaultClass.DROP : FaultClass.of(crashState);
  }

  /** The crash state, for a crash violation. */
  public Optional<CrashState> crash() {
    return Optional.ofNullable(crashState);
  }

  /** The same finding over other operations (their text form, or a shrunk workload). */
  public <P> Finding<P> withOps(List<P> others) {
    return new Finding<>(kind, others, ioFault, crashState, message);
  }

  /** The same finding with each operation mapped, e.g. to the codec's text. */
  public <P> Finding<P> mapOps(Function<O, P> f) {
    return withOps(ops.stream().map(f).toList());
  }

  public Finding<O> withMessage(String other) {
    return new Finding<>(kind, ops, ioFault, crashState, other);
  }

  /** The same workload and fault class, crashing in {@code state} instead. */
  public Finding<O> withCrashState(CrashState state, String explanation) {
    return crash(ops, ioFault, state, explanation);
  }
}
