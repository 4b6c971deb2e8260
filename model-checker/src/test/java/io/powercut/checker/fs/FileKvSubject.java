package io.powercut.checker.fs;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.OperationKind;
import io.powercut.checker.Outcome;
import io.powercut.checker.Recovery;
import io.powercut.fs.CrashFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The example file subject: a store that keeps each key's value in its own file, {@code
 * /work/kv/k<key>}, a 1 KiB record (two file sectors, so a write can tear), and replaces it the
 * classic way: write {@code k<key>.tmp}, force it, rename it over {@code k<key>}, sync the
 * directory. A delete removes the file and syncs the directory. Every operation is durable when it
 * returns. Recovery reads every key file; without {@code verify} an empty one is a put whose data
 * never landed (the key absent) and a record that is not one value whole reads as damaged (which no
 * model state holds); with {@code verify} both are reported as corruption. The correct store never
 * leaves either; the {@link FileKvBug}s break the protocol.
 */
class FileKvSubject implements FileSubject<FileKvOp, Map<Integer, String>> {
  static final int RECORD_SIZE = 1024;
  static final String DIR = "/work/kv";

  private final Set<FileKvBug> bugs;
  private final int preloadedKeys;
  private final boolean verify;

  /**
   * A store with {@code bugs}, whose initial image holds keys {@code 0 .. preloadedKeys-1} with
   * value 0, reading records strictly if {@code verify}.
   */
  FileKvSubject(Set<FileKvBug> bugs, int preloadedKeys, boolean verify) {
    this.bugs = bugs.isEmpty() ? Set.of() : EnumSet.copyOf(bugs);
    this.preloadedKeys = preloadedKeys;
    this.verify = verify;
  }

  static FileKvSubject correct() {
    return new FileKvSubject(Set.of(), 0, false);
  }

  static FileKvSubject with(FileKvBug bug) {
    return new FileKvSubject(Set.of(bug), 0, false);
  }

  /** The same store without its bugs. */
  FileKvSubject fixed() {
    return new FileKvSubject(Set.of(), preloadedKeys, verify);
  }

  @Override
  public String name() {
    return "file-kv";
  }

  @Override
  public String spec() {
    String b = bugs.stream().map(FileKvBug::id).sorted().collect(Collectors.joining(","));
    return name()
        + (b.isEmpty() ? "" : " bugs=" + b)
        + (preloadedKeys > 0 ? " preload=" + preloadedKeys : "")
        + (verify ? " verify" : "");
  }

  @Override
  public void prepare(CrashFileSystem fs) throws IOException {
    Files.createDirectories(fs.getPath(DIR));
    for (int k = 0; k < preloadedKeys; k++) {
      Files.write(fs.getPath(DIR, "k" + k), record(0));
    }
  }

  @Override
  public Engine<FileKvOp> start(CrashFileSystem fs) {
    return new Engine<>() {
      @Override
      public Outcome apply(FileKvOp op) {
        try {
          if (op instanceof FileKvOp.Put p) {
            put(fs, p.key(), p.value());
          } else {
            delete(fs, ((FileKvOp.Delete) op).key());
          }
          return Outcome.ok();
        } catch (IOException | RuntimeException e) {
          return Outcome.failed(e);
        }
      }

      @Override
      public void close() {}
    };
  }

  private void put(CrashFileSystem fs, int key, long value) throws IOException {
    Path dir = fs.getPath(DIR);
    Path file = dir.resolve("k" + key);
    if (bugs.contains(FileKvBug.IN_PLACE) && Files.exists(file)) {
      // Same-size records: the overwrite needs no truncate, and tears are the only risk.
      writeAll(file, record(value), true, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      syncDirectory(dir);
      return;
    }
    Path tmp = dir.resolve("k" + key + ".tmp");
    writeAll(
        tmp,
        record(value),
        !bugs.contains(FileKvBug.NO_FORCE),
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (bugs.contains(FileKvBug.NO_DIR_SYNC)) {
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
        c.force(true);
      }
    } else {
      syncDirectory(dir);
    }
  }

  private static void delete(CrashFileSystem fs, int key) throws IOException {
    Path dir = fs.getPath(DIR);
    if (Files.deleteIfExists(dir.resolve("k" + key))) {
      syncDirectory(dir);
    }
  }

  private static void writeAll(Path file, byte[] bytes, boolean force, OpenOption... options)
      throws IOException {
    try (FileChannel c = FileChannel.open(file, options)) {
      // A channel over memory writes all it is given.
      c.write(ByteBuffer.wrap(bytes), 0);
      if (force) {
        c.force(true);
      }
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    }
  }

  @Override
  public Recovery<Map<Integer, String>> recover(CrashFileSystem fs) throws IOException {
    Map<Integer, String> state = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(fs.getPath(DIR))) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (!name.matches("k[0-9]+")) {
          continue; // a temporary file a crash left
        }
        byte[] bytes = Files.readAllBytes(p);
        String value = bytes.length == 0 ? "empty" : read(bytes);
        if (verify && !value.matches("[0-9]+")) {
          return Recovery.corrupt(name + " holds a " + value + " record");
        }
        if (bytes.length == 0) {
          continue;
        }
        state.put(Integer.parseInt(name.substring(1)), value);
      }
    }
    return Recovery.recovered(state, List.of());
  }

  /** The record of {@code value}: its line repeated to {@link #RECORD_SIZE} bytes. */
  static byte[] record(long value) {
    String line = "value " + value + "\n";
    return line.repeat(RECORD_SIZE / line.length() + 1)
        .substring(0, RECORD_SIZE)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The value a record holds, or a description of the damage. */
  static String read(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    String first = text.lines().findFirst().orElse("");
    if (first.matches("value [0-9]+")) {
      long v = Long.parseLong(first.substring("value ".length()));
      if (Arrays.equals(bytes, record(v))) {
        return Long.toString(v);
      }
    }
    return "damaged (" + bytes.length + " bytes, " + text.lines().distinct().count() + " kinds)";
  }

  @Override
  public Model<FileKvOp, Map<Integer, String>> newModel() {
    Map<Integer, String> initial = new TreeMap<>();
    for (int k = 0; k < preloadedKeys; k++) {
      initial.put(k, "0");
    }
    return new Model<>() {
      private Map<Integer, String> committed = Map.copyOf(initial);

      @Override
      public String apply(FileKvOp op, Outcome outcome) {
        if (!outcome.isOk()) {
          return "expected ok, got " + outcome;
        }
        Map<Integer, String> next = new TreeMap<>(committed);
        if (op instanceof FileKvOp.Put p) {
          next.put(p.key(), Long.toString(p.value()));
        } else {
          next.remove(((FileKvOp.Delete) op).key());
        }
        committed = Map.copyOf(next);
        return null;
      }

      @Override
      public Map<Integer, String> committed() {
        return committed;
      }

      @Override
      public String diff(Map<Integer, String> expected, Map<Integer, String> recovered) {
        List<String> out = new ArrayList<>();
        TreeMap<Integer, String> keys = new TreeMap<>(expected);
        keys.putAll(recovered);
        for (int k : keys.keySet()) {
          String want = expected.getOrDefault(k, "absent");
          String got = recovered.getOrDefault(k, "absent");
          if (!want.equals(got)) {
            out.add("key " + k + ": expected " + want + ", got " + got);
          }
        }
        return out.isEmpty() ? null : String.join("; ", out);
      }
    };
  }

  @Override
  public OperationCodec<FileKvOp> codec() {
    return FileKvOp.CODEC;
  }

  @Override
  public List<? extends OperationKind> operationKinds() {
    return List.of(FileKvOp.Kind.values());
  }

  @Override
  public OperationKind kindOf(FileKvOp op) {
    return op.kind();
  }
}
