package io.powercut.engine.h2;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.OperationKind;
import io.powercut.checker.Recovery;
import io.powercut.checker.fs.FileSubject;
import io.powercut.fs.CrashFileSystem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.engine.Constants;

/**
 * H2's MVStore as a file-level subject: one store file, {@code /work/h2/store.mv}, holding maps
 * {@code map0} to {@code map2} of {@code Long} keys and {@link StampedValue} bytes, every file
 * operation logged. Spec {@code h2 [version=V] [retention=MS]}: the version is one of {@link
 * #SUPPORTED_VERSIONS}, by default {@link #DEFAULT_VERSION} (the class path's, run through {@link
 * Mv2Driver} and {@link CrashFilePath}); a 1.4.x release runs through engine-h2-v1's driver, each
 * in a class loader of its own over its jar ({@link H2ReleaseLoader}).
 *
 * <p><b>What MVStore promises</b> (its documentation, "Persistence" and "Transactions", and the
 * source of {@code MVStore}, {@code FileStore} and {@code RandomAccessStore}): every commit writes
 * the changed pages, the layout and a chunk header and footer as one new chunk at free space, never
 * over a chunk a live version uses; opening finds the newest chunk whose header and footer agree,
 * so a store always opens on one whole version. {@code commit()} does not fsync; {@code sync()} is
 * {@code FileChannel.force(true)}; {@code close()} commits, writes a clean-shutdown mark and fsyncs
 * (1.4.197 and 1.4.199 do not fsync; their driver syncs before closing). The documentation does not
 * say which version survives a crash after commits without sync; this subject chooses the reading
 * that follows from the source: any committed version since the last durable one, whole ({@link
 * H2Model}). The retention time is where the documentation admits a risk: freed chunks are
 * overwritten once older than it, on the assumption that "a file system and hard disk will flush
 * all write buffers within this time"; the default (45 s) keeps every chunk of a short run, {@code
 * retention=0} reuses space at once and so tests what happens when the disk has not flushed.
 *
 * <p><b>Recovery</b> opens the store read-write with the workload's settings (the path an
 * application takes after a crash, which may repair), reads every map fully, decodes every value,
 * and drops the store without writing. Any exception of H2 while opening or reading is corruption
 * named by what failed, never thrown.
 */
public final class H2Subject implements FileSubject<H2Op, H2State> {
  public static final String NAME = "h2";

  /** The H2 version the module runs (the class path's). */
  public static final String H2_VERSION = Constants.FULL_VERSION;

  /** The release the module is compiled against, run without a class loader of its own. */
  // A literal: engine-h2-v1's tests put 1.4.200 on the class path, where Constants would lie.
  public static final String DEFAULT_VERSION = "2.5.252";

  /**
   * The versions a spec may name: the default, and the 1.4.x releases engine-h2-v1's driver runs
   * (1.4.199 has the historical bugs #2049 and #2067, 1.4.200 their fixes).
   */
  public static final List<String> SUPPORTED_VERSIONS =
      List.of("1.4.197", "1.4.199", "1.4.200", DEFAULT_VERSION);

  /** The driver of the 1.4.x releases, in module engine-h2-v1 (found by name: it sits above). */
  static final String V1_DRIVER = "io.powercut.engine.h2.v1.Mv1Driver";

  // One loader per release: loading H2 again for every subject would cost seconds.
  private static final Map<String, MvStoreDriver> DRIVERS = new ConcurrentHashMap<>();

  /** How many maps the store holds. */
  public static final int MAPS = 3;

  /** The directory and file of the store. */
  public static final String DIR = "/work/h2";

  public static final String FILE = DIR + "/store.mv";

  /** H2's default retention time, in milliseconds. */
  public static final int DEFAULT_RETENTION_MS = 45_000;

  private final int retentionMs;
  private final MvStoreDriver driver;

  /** The store with H2's default retention time. */
  public H2Subject() {
    this(DEFAULT_RETENTION_MS);
  }

  public H2Subject(int retentionMs) {
    this(DEFAULT_VERSION, retentionMs);
  }

  /** The store of H2 release {@code version}, one of {@link #SUPPORTED_VERSIONS}. */
  public H2Subject(String version, int retentionMs) {
    requireSupported(version);
    this.driver = DRIVERS.computeIfAbsent(version, H2Subject::driverOf);
    if (retentionMs < 0) {
      throw new IllegalArgumentException("retention: expected >= 0 ms, got " + retentionMs);
    }
    this.retentionMs = retentionMs;
  }

  /**
   * The subject a spec names: {@code h2 [version=V] [retention=MS]}, parameters in any order, each
   * at most once. A version other than {@link #SUPPORTED_VERSIONS} is refused, naming them: running
   * another release than the one named would attribute a finding to the wrong release.
   */
  public static H2Subject fromSpec(String spec) {
    String[] words = spec.strip().split("\\s+");
    if (!words[0].equals(NAME) || words.length > 3) {
      throw new IllegalArgumentException(
          "expected 'h2 [version=V] [retention=MS]', got '" + spec + "'");
    }
    String version = null;
    Integer retention = null;
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      if (w.startsWith("version=") && version == null) {
        version = w.substring("version=".length());
      } else if (w.startsWith("retention=") && retention == null) {
        retention = parseRetention(w);
      } else {
        throw new IllegalArgumentException("unknown or repeated subject parameter '" + w + "'");
      }
    }
    return new H2Subject(
        version == null ? DEFAULT_VERSION : version,
        retention == null ? DEFAULT_RETENTION_MS : retention);
  }

  private static MvStoreDriver driverOf(String version) {
    return version.equals(DEFAULT_VERSION)
        ? new Mv2Driver()
        : H2ReleaseLoader.load(version, V1_DRIVER);
  }

  /** Refuses a version this build cannot run, naming the ones it can. */
  static void requireSupported(String version) {
    if (!SUPPORTED_VERSIONS.contains(version)) {
      throw new IllegalArgumentException(
          "H2 version '"
              + version
              + "' is not supported; supported: "
              + String.join(", ", SUPPORTED_VERSIONS));
    }
  }

  private static int parseRetention(String word) {
    try {
      return Integer.parseInt(word.substring("retention=".length()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected retention=MS, got '" + word + "'", e);
    }
  }

  /** The name of map {@code m}. */
  public static String mapName(int m) {
    return "map" + m;
  }

  /** How long freed chunks are kept before their space is reused, in milliseconds. */
  public int retentionMs() {
    return retentionMs;
  }

  /** The H2 version this subject runs. */
  public String version() {
    return driver.version();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String spec() {
    // The default version stays implicit, so reproducers written before versions replay.
    String v = driver.version().equals(DEFAULT_VERSION) ? "" : " version=" + driver.version();
    String r = retentionMs == DEFAULT_RETENTION_MS ? "" : " retention=" + retentionMs;
    return NAME + v + r;
  }

  /** The directory and an empty store holding every map, closed cleanly. */
  @Override
  public void prepare(CrashFileSystem fs) throws IOException {
    fs.files().createDirectory(DIR);
    try (MvStoreDriver.Session session = driver.bind(fs)) {
      MvStoreDriver.Store store = session.open(FILE, retentionMs);
      store.createMaps();
      store.close();
    }
  }

  @Override
  public Engine<H2Op> start(CrashFileSystem fs) {
    MvStoreDriver.Session session = driver.bind(fs);
    try {
      return new H2Engine(session, FILE, retentionMs);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  @Override
  public Recovery<H2State> recover(CrashFileSystem fs) {
    return H2Recovery.recover(driver, fs, retentionMs);
  }

  @Override
  public Model<H2Op, H2State> newModel() {
    return new H2Model();
  }

  @Override
  public OperationCodec<H2Op> codec() {
    return H2Op.CODEC;
  }

  @Override
  public List<? extends OperationKind> operationKinds() {
    return List.of(H2OpKind.values());
  }

  @Override
  public OperationKind kindOf(H2Op op) {
    return op.kind();
  }
}
