package io.powercut.checker;

import io.powercut.device.CrashState;
import io.powercut.fs.FsCrashState;

/**
 * The kind of damage a crash state carries. Plain power loss (dropped, reordered, multi-version
 * writes) must always recover the committed state; the others may instead be detected as
 * corruption, but never silently give wrong data.
 */
public enum FaultClass {
  DROP,
  TORN,
  MISDIRECT,
  BITROT,
  IOERROR;

  /** The class of a crash state: its first kind of damage beyond dropping writes. */
  public static FaultClass of(CrashState s) {
    if (s.hasBitRot()) {
      return BITROT;
    }
    if (s.misdirectCount() > 0) {
      return MISDIRECT;
    }
    if (s.tearCount() > 0) {
      return TORN;
    }
    return DROP;
  }

  /** The class of a file-level crash state: torn if a write landed in part, else a plain drop. */
  public static FaultClass of(FsCrashState s) {
    return s.tears().isEmpty() ? DROP : TORN;
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The class named {@code id}; throws IllegalArgumentException for an unknown one. */
  public static FaultClass byId(String id) {
    for (FaultClass f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown fault class '" + id + "'");
  }
}
