package io.powercut.checker.fs;

import io.powercut.checker.FaultClass;
import io.powercut.checker.Finding;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.PersistenceMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A violation at the file level, the sibling of {@link Finding} (whose crash state is a block
 * device's): the workload, the persistence mode it was judged under, where the power went and which
 * pending file operations survived, and what was wrong. {@link FileReproducer} is its text form.
 *
 * @param kind a live violation (no crash needed) or a crash one
 * @param ops the workload
 * @param mode the persistence mode the crash state belongs to
 * @param crashState the crash state, for a crash violation only (else null)
 * @param message what was wrong
 */
public record FileFinding<O>(
    Finding.Kind kind, List<O> ops, PersistenceMode mode, FsCrashState crashState, String message) {
  public FileFinding {
    Objects.requireNonNull(kind, "kind");
    ops = List.copyOf(ops);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(message, "message");
    if ((kind == Finding.Kind.CRASH) != (crashState != null)) {
      throw new IllegalArgumentException(
          "expected a crash state exactly for a crash finding, got a "
              + kind.id()
              + " finding with crash state "
              + crashState);
    }
  }

  public static <O> FileFinding<O> live(List<O> ops, PersistenceMode mode, String message) {
    return new FileFinding<>(Finding.Kind.LIVE, ops, mode, null, message);
  }

  public static <O> FileFinding<O> crash(
      List<O> ops, PersistenceMode mode, FsCrashState state, String message) {
    return new FileFinding<>(Finding.Kind.CRASH, ops, mode, state, message);
  }

  /** The fault class of the crash state; {@link FaultClass#DROP} for a live violation. */
  public FaultClass fault() {
    return crashState == null ? FaultClass.DROP : FaultClass.of(crashState);
  }

  /** The crash state, for a crash violation. */
  public Optional<FsCrashState> crash() {
    return Optional.ofNullable(crashState);
  }

  /** The same finding with each operation mapped, e.g. to the codec's text. */
  public <P> FileFinding<P> mapOps(Function<O, P> f) {
    return new FileFinding<>(kind, ops.stream().map(f).toList(), mode, crashState, message);
  }

  /** The same workload crashing in {@code state} instead. */
  public FileFinding<O> withCrashState(FsCrashState state, String explanation) {
    return crash(ops, mode, state, explanation);
  }
}
