package io.powercut.checker;

import java.util.Objects;

/**
 * What an operation did: succeeded (with a value, e.g. the block it allocated, or -1), was refused
 * cleanly (the engine says the state is unchanged, and why), or failed (an IO error or an
 * unexpected exception).
 */
public record Outcome(Kind kind, long value, Refusal refusal, Throwable error) {
  public enum Kind {
    OK,
    REFUSED,
    FAILED
  }

  public Outcome {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.REFUSED) != (refusal != null) || (kind == Kind.FAILED) != (error != null)) {
      throw new IllegalArgumentException(
          "a refusal carries its reason and a failure its error, nothing else: " + kind);
    }
  }

  public static Outcome ok() {
    return new Outcome(Kind.OK, -1, null, null);
  }

  public static Outcome ok(long value) {
    return new Outcome(Kind.OK, value, null, null);
  }

  /** A clean refusal for {@code reason}. */
  public static Outcome refused(Refusal reason) {
    return new Outcome(Kind.REFUSED, -1, Objects.requireNonNull(reason, "reason"), null);
  }

  public static Outcome failed(Throwable error) {
    return new Outcome(Kind.FAILED, -1, null, Objects.requireNonNull(error, "error"));
  }

  public boolean isOk() {
    return kind == Kind.OK;
  }

  /** Whether this is a refusal for exactly {@code reason}. */
  public boolean isRefused(Refusal reason) {
    return kind == Kind.REFUSED && refusal.equals(reason);
  }

  /** The refusal's word or the failure's error, for messages; empty for success. */
  public String detail() {
    return switch (kind) {
      case OK -> "";
      case REFUSED -> refusal.word();
      case FAILED -> String.valueOf(error);
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case OK -> value >= 0 ? "ok " + value : "ok";
      case REFUSED -> "refused (" + detail() + ")";
      case FAILED -> "failed: " + detail();
    };
  }
}
