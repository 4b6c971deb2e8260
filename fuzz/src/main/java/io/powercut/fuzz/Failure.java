package io.powercut.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What the oracle does not allow: anything but success or a typed corruption error naming its block
 * and rule, a hang, memory beyond the bound, a write by a read-only step, or readers that disagree;
 * and for the real tools, a crash, a hang, or damage they pass in silence.
 *
 * @param stage the {@link Step} of our readers, or the real tool's name
 * @param signature what makes two failures the same finding: kind, step, exception type and the
 *     first frame of powercut code outside this package
 * @param detail the stack trace or the evidence, for the finding's report
 */
public record Failure(Kind kind, String stage, String message, String signature, String detail) {
  /** Kinds of failure, worst first. */
  public enum Kind {
    /** An exception or error other than the typed corruption error (or a refusal, when allowed). */
    UNEXPECTED_THROWABLE,
    /** A step ran past its deadline. */
    HANG,
    /** Out of memory, or an allocation far beyond what the image's size explains. */
    MEMORY,
    /** A typed corruption error that names no rule. */
    UNNAMED_CORRUPTION,
    /** A read-only step wrote to the image. */
    WROTE,
    /** The strict checker passed an image that opening, walking or dumping rejects. */
    CHECK_MISSED,
    /** The engine's walk and the dumper read different devices or mappings. */
    READERS_DISAGREE,
    /** A real tool died of a signal. */
    TOOL_CRASH,
    /** A real tool ran past its deadline. */
    TOOL_HANG,
    /** A real tool's dump disagrees with itself: a device's mapped_blocks is not its mappings. */
    TOOL_DUMP_MISMATCH,
    /** A real tool exited 0 on an image our checker rejects. */
    TOOL_SILENT_ACCEPT
  }

  /** A failure caused by {@code t}. */
  static Failure of(Kind kind, Step step, Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return new Failure(
        kind,
        step.name(),
        t.getClass().getName() + ": " + oneLine(t.getMessage()),
        kind + " in " + step + ": " + t.getClass().getName() + " at " + frame(t.getStackTrace()),
        trace.toString());
  }

  /** A hang, identified by where the stuck thread was. */
  static Failure hang(Step step, StackTraceElement[] stack, long millis) {
    StringBuilder trace = new StringBuilder();
    for (StackTraceElement e : stack) {
      trace.append("\tat ").append(e).append('\n');
    }
    return new Failure(
        Kind.HANG,
        step.name(),
        "no verdict after " + millis + " ms",
        Kind.HANG + " in " + step + " at " + frame(stack),
        trace.toString());
  }

  /** A failure with no exception behind it. */
  static Failure of(Kind kind, Step step, String message) {
    return new Failure(kind, step.name(), message, kind + " in " + step, message);
  }

  /** "KIND in STAGE: message", one line. */
  public String summary() {
    return kind + " in " + stage + ": " + message;
  }

  /** The first frame of engine code (not the fuzzer's), else the top frame. */
  private static String frame(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      if (c.startsWith("io.powercut.") && !c.startsWith(Failure.class.getPackageName() + ".")) {
        return e.getClassName() + "." + e.getMethodName();
      }
    }
    return stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
