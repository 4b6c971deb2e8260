package io.powercut.checker;

/**
 * What an operation did: succeeded (with a value, e.g. the block it allocated, or -1), was refused
 * cleanly (the engine says the state is unchanged), or failed (an IO error or an unexpected
 * exception).
 */
public record Outcome(Kind kind, long value, String detail, Throwable error) {
  public enum Kind {
    OK,
    REFUSED,
    FAILED
  }

  public static Outcome ok() {
    return new Outcome(Kind.OK, -1, "", null);
  }

  public static Outcome ok(long value) {
    return new Outcome(Kind.OK, value, "", null);
  }

  /** A clean refusal; {@code reason} is a stable word the model can match, e.g. "exists". */
  public static Outcome refused(String reason) {
    return new Outcome(Kind.REFUSED, -1, reason, null);
  }

  public static Outcome failed(Throwable error) {
    return new Outcome(Kind.FAILED, -1, String.valueOf(error), error);
  }

  public boolean isOk() {
    return kind == Kind.OK;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case OK -> value >= 0 ? "ok " + value : "ok";
      case REFUSED -> "refused (" + detail + ")";
      case FAILED -> "failed: " + detail;
    };
  }
}
