package io.powercut.checker;

import io.powercut.checker.results.FindingRecord;
import io.powercut.device.CrashState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimized violation saved as a small text file that {@code ./powercut replay} re-runs
 * deterministically: the subject (with its parameters), any injected IO error, the operations, and
 * the crash state. It is the text form of a {@link Finding}: operations are the codec's lines.
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
public record Reproducer(String subject, Finding<String> finding) {
  /** The text form of {@code f}, found on {@code s}. */
  public static <O> Reproducer of(Subject<O, ?> s, Finding<O> f) {
    return new Reproducer(s.spec(), f.mapOps(s.codec()::format));
  }

  /** The typed finding again, its operations parsed by {@code codec}. */
  public <O> Finding<O> finding(OperationCodec<O> codec) {
    return finding.mapOps(codec::parse);
  }

  public IoErrorPlan ioFault() {
    return finding.ioFault();
  }

  public List<String> ops() {
    return finding.ops();
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("# powercut reproducer: ./powercut replay FILE\n");
    sb.append("subject ").append(subject).append('\n');
    sb.append("io-fault ").append(finding.ioFault()).append('\n');
    sb.append("kind ").append(finding.kind().id()).append('\n');
    finding.crash().ifPresent(c -> sb.append("crash ").append(c.toToken()).append('\n'));
    sb.append("fault ").append(finding.fault().id()).append('\n');
    for (String op : finding.ops()) {
      sb.append("op ").append(op).append('\n');
    }
    sb.append("message ").append(finding.message().replace('\n', ' ')).append('\n');
    return sb.toString();
  }

  /**
   * The {@code finding} record of run {@code run}, this reproducer saved (by the caller) as {@code
   * file}.
   */
  public FindingRecord findingRecord(String run, Path file) {
    return new FindingRecord(
        run,
        finding.kind().id(),
        finding.fault().id(),
        subject,
        finding.ioFault().toString(),
        finding.ops(),
        finding.crash().map(CrashState::toToken).orElse(""),
        finding.message(),
        render(),
        FindingRecord.replayCommand(file));
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }

  /** Parses a reproducer file; errors name the line and what was expected. */
  public static Reproducer read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String subject = null;
    IoErrorPlan io = IoErrorPlan.NONE;
    Finding.Kind kind = null;
    CrashState crash = null;
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
      try {
        switch (key) {
          case "subject" -> subject = value;
          case "io-fault" -> io = IoErrorPlan.parse(value);
          case "kind" -> kind = Finding.Kind.byId(value);
          case "crash" -> crash = parseState(value);
          case "fault" -> fault = FaultClass.valueOf(value.toUpperCase(java.util.Locale.ROOT));
          case "op" -> ops.add(value);
          case "message" -> message = value;
          default -> throw new IllegalArgumentException("unknown key '" + key + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (subject == null || kind == null) {
      throw new IOException(
          file + ": not a powercut reproducer (needs 'subject' and 'kind' lines)");
    }
    if (kind == Finding.Kind.CRASH && crash == null) {
      throw new IOException(file + ": a crash reproducer needs a 'crash' line");
    }
    if (kind == Finding.Kind.LIVE) {
      crash = null;
    } else if (FaultClass.of(crash) != fault) {
      throw new IOException(
          file
              + ": 'fault "
              + fault.id()
              + "' does not match the crash state, whose fault class is "
              + FaultClass.of(crash).id());
    }
    return new Reproducer(subject, new Finding<>(kind, ops, io, crash, message));
  }

  private static CrashState parseState(String token) {
    try {
      return CrashState.parse(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad crash state '" + token + "': " + e.getMessage(), e);
    }
  }
}
