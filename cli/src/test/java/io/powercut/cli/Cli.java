package io.powercut.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process with stdout and stderr captured. */
record Cli(int exitCode, String out, String err) {
  static synchronized Cli run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      System.out.flush();
      System.err.flush();
      return new Cli(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** stderr holds exactly one line (so no stack trace) that names no Java exception class. */
  boolean oneLineError() {
    return err.endsWith("\n")
        && err.indexOf('\n') == err.length() - 1
        && !err.contains("Exception");
  }
}
