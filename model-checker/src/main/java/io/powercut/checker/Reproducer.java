package io.powercut.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimized violation saved as a small text file that {@code ./powercut replay} re-runs
 * deterministically: the subject (with its parameters), any injected IO error, the operations, and
 * the crash state.
 *
 * <pre>
 * # powercut reproducer: ./powercut replay FILE
 * subject dm-thin meta=1024 data=1024 bugs=superblock-before-flush
 * io-fault none
 * kind crash
 * crash p42:s17,19
 * fault drop
 * op create_thin 0
 * op write 0 3
 * op commit
 * message recovered state differs from ...
 * </pre>
 */
public record Reproducer(String subject, IoErrorPlan ioFault, Finding finding) {

  public List<String> ops() {
    return finding.ops();
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# powercut reproducer: ./powercut replay FILE\n");
    sb.append("subject ").append(subject).append('\n');
    sb.append("io-fault ").append(ioFault).append('\n');
    sb.append("kind ").append(finding.kind()).append('\n');
    if (finding.position() >= 0) {
      sb.append("crash ").append(finding.crashState()).append('\n');
    }
    sb.append("fault ").append(finding.fault().id()).append('\n');
    for (String op : finding.ops()) {
      sb.append("op ").append(op).append('\n');
    }
    sb.append("message ").append(finding.message().replace('\n', ' ')).append('\n');
    return sb.toString();
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }

  /** Parses a reproducer file; errors name the line and what was expected. */
  public static Reproducer read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String subject = null;
    IoErrorPlan io = IoErrorPlan.NONE;
    String kind = null;
    String crash = "";
    FaultClass fault = FaultClass.DROP;
    String message = "";
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int sp = line.indexOf(' ');
      String key = sp < 0 ? line : line.substring(0, sp);
      String value = sp < 0 ? "" : line.substring(sp + 1).strip();
      String where = file + ":" + (i + 1) + ": ";
      try {
        switch (key) {
          case "subject" -> subject = value;
          case "io-fault" -> io = IoErrorPlan.parse(value);
          case "kind" -> kind = value;
          case "crash" -> crash = value;
          case "fault" -> fault = FaultClass.valueOf(value.toUpperCase(java.util.Locale.ROOT));
          case "op" -> ops.add(value);
          case "message" -> message = value;
          default -> throw new IllegalArgumentException("unknown key '" + key + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(where + e.getMessage(), e);
      }
    }
    if (subject == null || kind == null) {
      throw new IOException(
          file + ": not a powercut reproducer (needs 'subject' and 'kind' lines)");
    }
    if (!kind.equals(Finding.LIVE) && !kind.equals(Finding.CRASH)) {
      throw new IOException(file + ": kind must be live or crash, got '" + kind + "'");
    }
    if (kind.equals(Finding.CRASH) && crash.isEmpty()) {
      throw new IOException(file + ": a crash reproducer needs a 'crash' line");
    }
    int position = kind.equals(Finding.CRASH) ? positionOf(file, crash) : -1;
    return new Reproducer(
        subject, io, new Finding(kind, List.copyOf(ops), position, crash, fault, message));
  }

  private static int positionOf(Path file, String token) throws IOException {
    try {
      return io.powercut.device.CrashState.parse(token).position();
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": bad crash state '" + token + "': " + e.getMessage(), e);
    }
  }
}
