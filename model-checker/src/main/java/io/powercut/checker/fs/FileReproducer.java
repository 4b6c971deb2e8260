package io.powercut.checker.fs;

import io.powercut.checker.FaultClass;
import io.powercut.checker.Finding;
import io.powercut.checker.OperationCodec;
import io.powercut.fs.FsCrashState;
import io.powercut.fs.PersistenceMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimized file-level violation as a small text file that {@link FileReplay} re-runs
 * deterministically: the {@link io.powercut.checker.Reproducer} format with a {@code mode} line
 * (the persistence mode the crash state belongs to) and a file-level crash token instead of the IO
 * fault and block token.
 *
 * <pre>
 * # powercut file-level reproducer: ./powercut replay FILE
 * subject file-kv bugs=no-force
 * mode posix
 * kind crash
 * crash p9:s3,6
 * fault drop
 * op put 0 1
 * message recovered state differs from ...
 * </pre>
 */
public record FileReproducer(String subject, FileFinding<String> finding) {
  /** The first line of every file; {@link #read} tells file-level reproducers by it. */
  public static final String HEADER = "# powercut file-level reproducer: ./powercut replay FILE";

  /** The text form of {@code f}, found on {@code s}. */
  public static <O> FileReproducer of(FileSubject<O, ?> s, FileFinding<O> f) {
    return new FileReproducer(s.spec(), f.mapOps(s.codec()::format));
  }

  /** The typed finding again, its operations parsed by {@code codec}. */
  public <O> FileFinding<O> finding(OperationCodec<O> codec) {
    return finding.mapOps(codec::parse);
  }

  public PersistenceMode mode() {
    return finding.mode();
  }

  public List<String> ops() {
    return finding.ops();
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(HEADER).append('\n');
    sb.append("subject ").append(subject).append('\n');
    sb.append("mode ").append(modeId(finding.mode())).append('\n');
    sb.append("kind ").append(finding.kind().id()).append('\n');
    finding.crash().ifPresent(c -> sb.append("crash ").append(c.toToken()).append('\n'));
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

  /**
   * The word reproducers use for {@code mode}: {@code posix}, {@code ordered} or {@code in-order}.
   */
  public static String modeId(PersistenceMode mode) {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The mode named {@code id}; throws IllegalArgumentException naming the choices. */
  public static PersistenceMode parseMode(String id) {
    for (PersistenceMode m : PersistenceMode.values()) {
      if (modeId(m).equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "expected mode posix, ordered or in-order, got '" + id + "'");
  }

  /**
   * Whether {@code file} is a file-level reproducer: its first line is {@link #HEADER} (a block
   * reproducer starts otherwise). An unreadable file is not one; reading it will say why.
   */
  public static boolean isOne(Path file) {
    try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return HEADER.equals(r.readLine());
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** Parses a file-level reproducer; errors name the file, the line and what was expected. */
  public static FileReproducer read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Parses the lines of a file-level reproducer; {@code source} names it in errors. */
  public static FileReproducer parse(String source, List<String> lines) throws IOException {
    String subject = null;
    PersistenceMode mode = null;
    Finding.Kind kind = null;
    FsCrashState crash = null;
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
          case "mode" -> mode = parseMode(value);
          case "kind" -> kind = Finding.Kind.byId(value);
          case "crash" -> crash = parseState(value);
          case "fault" -> fault = parseFault(value);
          case "op" -> ops.add(value);
          case "message" -> message = value;
          default ->
              throw new IllegalArgumentException(
                  "expected subject, mode, kind, crash, fault, op or message, got '" + key + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (subject == null || mode == null || kind == null) {
      throw new IOException(
          source + ": not a file-level reproducer (needs 'subject', 'mode' and 'kind' lines)");
    }
    if (kind == Finding.Kind.CRASH && crash == null) {
      throw new IOException(source + ": a crash reproducer needs a 'crash' line");
    }
    if (kind == Finding.Kind.LIVE) {
      crash = null;
    } else if (FaultClass.of(crash) != fault) {
      throw new IOException(
          source
              + ": expected 'fault "
              + FaultClass.of(crash).id()
              + "' for crash state "
              + crash.toToken()
              + ", got 'fault "
              + fault.id()
              + "'");
    }
    return new FileReproducer(subject, new FileFinding<>(kind, ops, mode, crash, message));
  }

  private static FaultClass parseFault(String id) {
    FaultClass f = FaultClass.byId(id);
    if (f != FaultClass.DROP && f != FaultClass.TORN) {
      throw new IllegalArgumentException("expected fault drop or torn, got '" + id + "'");
    }
    return f;
  }

  private static FsCrashState parseState(String token) {
    try {
      return FsCrashState.parse(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad crash state '" + token + "': " + e.getMessage(), e);
    }
  }
}
