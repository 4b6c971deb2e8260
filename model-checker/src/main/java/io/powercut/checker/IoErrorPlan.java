package io.powercut.checker;

import io.powercut.device.IoFaults;
import io.powercut.device.IoOp;
import java.util.Locale;

/**
 * One IO error to inject into a workload run: a single failed write or flush, or a dying disk that
 * fails every write from one on. Printable, so reproducers can carry it.
 */
public record IoErrorPlan(IoOp op, long number, boolean fromThereOn) {
  public static final IoErrorPlan NONE = new IoErrorPlan(IoOp.WRITE, -1, false);

  public IoFaults faults() {
    if (number < 0) {
      return IoFaults.none();
    }
    IoFaults.Builder b = IoFaults.builder();
    return (fromThereOn ? b.failFrom(op, number) : b.failAt(op, number)).build();
  }

  /** "none", "write 17", "flush 3" or "write 17+" (every write from the 17th on). */
  @Override
  public String toString() {
    if (number < 0) {
      return "none";
    }
    return op.name().toLowerCase(Locale.ROOT) + " " + number + (fromThereOn ? "+" : "");
  }

  public static IoErrorPlan parse(String text) {
    String t = text.strip();
    if (t.equals("none")) {
      return NONE;
    }
    String[] w = t.split("\\s+");
    if (w.length != 2) {
      throw new IllegalArgumentException(
          "io fault must be 'none' or '<write|flush> N[+]', got '" + t + "'");
    }
    IoOp op =
        switch (w[0]) {
          case "write" -> IoOp.WRITE;
          case "flush" -> IoOp.FLUSH;
          default ->
              throw new IllegalArgumentException(
                  "io fault op must be write or flush, got '" + w[0] + "'");
        };
    boolean from = w[1].endsWith("+");
    String n = from ? w[1].substring(0, w[1].length() - 1) : w[1];
    try {
      return new IoErrorPlan(op, Long.parseLong(n), from);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("io fault number must be a number, got '" + n + "'");
    }
  }
}
