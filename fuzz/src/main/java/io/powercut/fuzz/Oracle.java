package io.powercut.fuzz;

import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.PoolOperationException;
import io.powercut.thin.Superblock;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.xml.PoolDumper;
import io.powercut.thin.xml.PoolXmlHandler;
import io.powercut.thin.xml.XmlDevice;
import io.powercut.thin.xml.XmlSuperblock;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes one image through every reader: the strict checker (and with {@code -m}), {@code open}, a
 * read-only walk of every device, and the dumper (and with {@code -m}). Each may succeed or reject
 * the image with the typed corruption error (opening and dumping may also refuse a request, e.g. a
 * snapshot dump with none held); anything else is a {@link Failure}. So is a write to the image, an
 * allocation far beyond the image's size, and readers that contradict each other.
 *
 * <p>Runs in the calling thread; {@link Deadline} bounds its time. {@link #step()} tells which step
 * is running, for a hang's report.
 */
public final class Oracle implements SteppedJudge {
  /** Cache of the engine and dumper: more than any image of the campaign has blocks. */
  static final int CACHE_BLOCKS = 1024;

  /**
   * Allocation allowed for one image: a fixed amount plus this many times its size. Normal images
   * stay far below (every block read a few times, a few bytes per block of bookkeeping); memory
   * that grows with a field's value instead of the image blows through it.
   */
  static final long ALLOCATION_BASE = 64L << 20;

  static final long ALLOCATION_PER_IMAGE_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private volatile Step step = Step.CHECK;
  private final StringBuilder outcome = new StringBuilder();

  /** The step running now, or the last one run. */
  @Override
  public Step step() {
    return step;
  }

  /** Judges {@code image}, which must not be changed meanwhile. */
  @Override
  public ImageVerdict judge(Image image) {
    outcome.setLength(0);
    long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
    long writesBefore = image.writes();
    ImageVerdict v;
    try {
      v = run(image);
    } catch (OutOfMemoryError e) {
      return new ImageVerdict(false, outcome.toString(), Failure.of(Failure.Kind.MEMORY, step, e));
    }
    if (v.failed()) {
      return v;
    }
    if (image.writes() != writesBefore) {
      return failed(
          v.checkClean(),
          Failure.of(
              Failure.Kind.WROTE,
              step,
              (image.writes() - writesBefore) + " blocks written by read-only steps"));
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long bound = ALLOCATION_BASE + ALLOCATION_PER_IMAGE_BYTE * image.size() * Image.BLOCK_SIZE;
    if (allocatedBefore >= 0 && allocated > bound) {
      return failed(
          v.checkClean(),
          Failure.of(
              Failure.Kind.MEMORY,
              step,
              (allocated >> 20)
                  + " MiB allocated for an image of "
                  + image.size()
                  + " blocks, bound "
                  + (bound >> 20)
                  + " MiB"));
    }
    return v;
  }

  /** How a reader ended: accepted the image, rejected it as allowed, or failed. */
  private record Outcome(boolean rejected, Failure failure) {
    static final Outcome ACCEPTED = new Outcome(false, null);
    static final Outcome REJECTED = new Outcome(true, null);
  }

  private ImageVerdict run(Image image) {
    boolean held = heldRoot(image) != 0;
    step = Step.CHECK;
    CheckReport report;
    try {
      report = MetadataChecker.check(image, CheckOptions.DEFAULT);
    } catch (Throwable t) {
      return failed(false, Failure.of(Failure.Kind.UNEXPECTED_THROWABLE, step, t));
    }
    boolean clean = report.clean();
    note(
        clean
            ? "clean"
            : report.problems().isEmpty() ? "problems" : report.problems().get(0).rule().id());
    boolean snapshotClean = clean;
    if (held) {
      step = Step.CHECK_SNAPSHOT;
      try {
        snapshotClean = MetadataChecker.check(image, new CheckOptions(true, false, false)).clean();
      } catch (Throwable t) {
        return failed(clean, Failure.of(Failure.Kind.UNEXPECTED_THROWABLE, step, t));
      }
    }

    Map<Long, Long> walked = new TreeMap<>();
    Outcome engine = walk(image, clean, walked);
    if (engine.failure() != null) {
      return failed(clean, engine.failure());
    }
    step = Step.DUMP;
    Map<Long, Long> dumped = new TreeMap<>();
    Outcome dump = dump(image, false, dumped);
    if (dump.failure() != null) {
      return failed(clean, dump.failure());
    }
    Outcome snapshotDump = Outcome.ACCEPTED;
    if (held) {
      step = Step.DUMP_SNAPSHOT;
      snapshotDump = dump(image, true, new TreeMap<>());
      if (snapshotDump.failure() != null) {
        return failed(clean, snapshotDump.failure());
      }
    }

    if (clean && (engine.rejected() || dump.rejected())
        || snapshotClean && snapshotDump.rejected()) {
      Step by = engine.rejected() ? Step.OPEN : dump.rejected() ? Step.DUMP : Step.DUMP_SNAPSHOT;
      return failed(
          clean,
          Failure.of(
              Failure.Kind.CHECK_MISSED,
              by,
              "check passes an image that " + by + " rejects: " + outcome));
    }
    // On a damaged image (keys out of order, say) lookups may miss what a scan sees: only a clean
    // image must read the same through every path.
    if (clean && !engine.rejected() && !dump.rejected() && !walked.equals(dumped)) {
      return failed(
          clean,
          Failure.of(
              Failure.Kind.READERS_DISAGREE,
              Step.DUMP,
              "mappings per device: walk " + walked + ", dump " + dumped));
    }
    return new ImageVerdict(clean, outcome.toString(), null);
  }

  /** Opens the pool and reads everything a user of the pool could ask for. */
  private Outcome walk(Image image, boolean clean, Map<Long, Long> mappings) {
    step = Step.OPEN;
    PoolMetadata pool;
    try {
      pool = PoolMetadata.open(image, Bugs.NONE, CACHE_BLOCKS);
    } catch (Throwable t) {
      return rejected(t, true);
    }
    step = Step.WALK;
    try (pool) {
      pool.transactionId();
      pool.time();
      pool.metadataSnapshot();
      pool.dataDeviceSize();
      pool.freeDataBlocks();
      pool.freeMetadataBlocks();
      pool.needsCheck();
      for (long dev : pool.devices()) {
        pool.details(dev);
        long[] count = new long[1];
        pool.forEachMapping(dev, (vb, m) -> count[0]++);
        mappings.put(dev, count[0]);
        long highest = pool.highestMappedBlock(dev);
        if (clean && highest >= 0 && pool.findBlock(dev, highest) == null) {
          return new Outcome(
              false,
              Failure.of(
                  Failure.Kind.READERS_DISAGREE,
                  step,
                  "device " + dev + ": its highest mapped block " + highest + " is not found"));
        }
        pool.findBlock(dev, highest + 1);
      }
    } catch (Throwable t) {
      return rejected(t, true);
    }
    note("engine ok");
    return Outcome.ACCEPTED;
  }

  private Outcome dump(Image image, boolean snapshot, Map<Long, Long> mappings) {
    try {
      PoolDumper.dump(image, snapshot, new Counter(mappings));
    } catch (Throwable t) {
      return rejected(t, snapshot);
    }
    note(step + " ok");
    return Outcome.ACCEPTED;
  }

  /** An allowed rejection (noted in the outcome), or the failure. */
  private Outcome rejected(Throwable t, boolean refusalAllowed) {
    if (t instanceof CorruptMetadataException e) {
      if (e.rule().isBlank()) {
        return new Outcome(false, Failure.of(Failure.Kind.UNNAMED_CORRUPTION, step, e));
      }
      note(step + " rejects: " + e.rule());
      return Outcome.REJECTED;
    }
    if (t instanceof PoolOperationException e && refusalAllowed) {
      note(step + " refuses: " + e.reason());
      return Outcome.REJECTED;
    }
    Failure.Kind kind =
        t instanceof OutOfMemoryError ? Failure.Kind.MEMORY : Failure.Kind.UNEXPECTED_THROWABLE;
    return new Outcome(false, Failure.of(kind, step, t));
  }

  private void note(String s) {
    if (outcome.length() > 0) {
      outcome.append(" | ");
    }
    outcome.append(s);
  }

  private ImageVerdict failed(boolean clean, Failure f) {
    return new ImageVerdict(clean, outcome.toString(), f);
  }

  /** The held metadata snapshot named by block 0, whatever its checksum says. */
  private static long heldRoot(Image image) {
    return image.size() == 0 ? 0 : Superblock.read(image.get(0)).heldRoot();
  }

  /** Counts each device's mappings as the dumper streams them. */
  private static final class Counter implements PoolXmlHandler {
    private final Map<Long, Long> mappings;
    private long dev;

    Counter(Map<Long, Long> mappings) {
      this.mappings = mappings;
    }

    @Override
    public void beginSuperblock(XmlSuperblock superblock) {}

    @Override
    public void beginDevice(XmlDevice device) {
      dev = device.devId();
      mappings.put(dev, 0L);
    }

    @Override
    public void mapping(long originBegin, long dataBegin, long length, long time) {
      mappings.merge(dev, length, Long::sum);
    }

    @Override
    public void endDevice() {}

    @Override
    public void endSuperblock() {}
  }
}
