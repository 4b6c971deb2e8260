package io.powercut.checker;

import io.powercut.device.IoFaults;
import io.powercut.device.IoLog;
import io.powercut.device.IoOp;
import java.util.Locale;

/**
 * One IO error to inject into a workload run: a single failed write or flush, or a dying disk that
 * fails every write from one on, on one device of the subject (device 0 unless it has several).
 * Printable, so reproducers can carry it.
 */
public record IoErrorPlan(IoOp op, long number, boolean fromThereOn, int device) {
  public static final IoErrorPlan NONE = new IoErrorPlan(IoOp.WRITE, -1, false);

  public IoErrorPlan {
    if (device < 0 || device >= IoLog.MAX_DEVICES) {
      throw new IllegalArgumentException(
          "io fault device " + device + " is not in [0, " + IoLog.MAX_DEVICES + ")");
    }
  }

  /** The plan on device 0. */
  public IoErrorPlan(IoOp op, long number, boolean fromThereOn) {
    this(op, number, fromThereOn, 0);
  }

  /** The IO faults of {@link #device()}; every other device fails nothing. */
  public IoFaults faults() {
    if (number < 0) {
      return IoFaults.none();
    }
    IoFaults.Builder b = IoFaults.builder();
    return (fromThereOn ? b.failFrom(op, number) : b.failAt(op, number)).build();
  }

  /**
   * "none", "write 17", "flush 3" or "write 17+" (every write from the 17th on), on a device other
   * than 0 followed by " on device D".
   */
  @Override
  public String toString() {
    if (number < 0) {
      return "none";
    }
    String where = device == 0 ? "" : " on device " + device;
    return op.name().toLowerCase(Locale.ROOT) + " " + number + (fromThereOn ? "+" : "") + where;
  }

  public static IoErrorPlan parse(String text) {
    String t = text.strip();
    if (t.equals("none")) {
      return NONE;
    }
    String[] w = t.split("\\s+");
    boolean onDevice = w.length == 5 && w[2].equals("on") && w[3].equals("device");
    if (w.length != 2 && !onDevice) {
      throw new IllegalArgumentException(
          "io fault must be 'none' or '<write|flush> N[+] [on device D]', got '" + t + "'");
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
    long device = onDevice ? number(w[4], "device") : 0;
    if (device >= IoLog.MAX_DEVICES) {
      throw new IllegalArgumentException("io fault device " + device + " is too large");
    }
    return new IoErrorPlan(op, number(n, "number"), from, (int) device);
  }

  private static long number(String text, String what) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "io fault " + what + " must be a number, got '" + text + "'");
    }
  }
}
