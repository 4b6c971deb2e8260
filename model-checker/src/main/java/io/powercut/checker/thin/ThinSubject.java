package io.powercut.checker.thin;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.Outcome;
import io.powercut.checker.Recovery;
import io.powercut.checker.Subject;
import io.powercut.device.BlockDevice;
import io.powercut.device.FileBlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.CorruptMetadataException;
import io.powercut.pdata.block.BlockManager;
import io.powercut.thin.BlockTime;
import io.powercut.thin.BugCatalog;
import io.powercut.thin.DeviceDetails;
import io.powercut.thin.PoolMetadata;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.DataRefMemo;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.check.Problem;
import io.powercut.thin.check.Rule;
import io.powercut.thin.check.Severity;
import io.powercut.thin.tools.ThinTools;
import io.powercut.thin.tools.ToolsGeneration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The dm-thin pool metadata engine as a crash-check subject: workloads run on {@link PoolMetadata}
 * over the recording device; recovery opens the crashed image, reads back every device and mapping,
 * and runs the strict structural checker on it.
 */
public final class ThinSubject implements Subject<ThinOp, PoolState> {
  /** Data block size written into the superblock (64 KiB, the kernel's minimum). */
  static final long DATA_BLOCK_SIZE = 128;

  private final long metadataBlocks;
  private final long dataBlocks;
  private final Bugs bugs;
  private final int cacheBlocks;
  private final Path imageFile;
  private final int initialMappings;
  private MemoryBlockDevice initial;
  private FileBlockDevice fileImage;

  /** The data references of this subject's last recovery: one crash state shares most leaves. */
  private final DataRefMemo checkMemo = new DataRefMemo();

  /** Outcomes of the operations that populated the initial image, for each new model. */
  private List<Outcome> setupOutcomes;

  public ThinSubject(long metadataBlocks, long dataBlocks, Bugs bugs) {
    this(metadataBlocks, dataBlocks, bugs, BlockManager.DEFAULT_CACHE_BLOCKS, null);
  }

  /**
   * With a small {@code cacheBlocks} the engine writes blocks back early, as under memory pressure.
   */
  public ThinSubject(long metadataBlocks, long dataBlocks, Bugs bugs, int cacheBlocks) {
    this(metadataBlocks, dataBlocks, bugs, cacheBlocks, null);
  }

  /**
   * Keeps the initial image in {@code imageFile} (made by {@link #formatImage}) instead of memory:
   * workloads read it through the file system and never write it.
   */
  public ThinSubject(long metadataBlocks, long dataBlocks, Bugs bugs, Path imageFile) {
    this(metadataBlocks, dataBlocks, bugs, BlockManager.DEFAULT_CACHE_BLOCKS, imageFile);
  }

  private ThinSubject(
      long metadataBlocks,
      long dataBlocks,
      Bugs bugs,
      int cacheBlocks,
      Path imageFile,
      int initialMappings) {
    this.metadataBlocks = metadataBlocks;
    this.dataBlocks = dataBlocks;
    this.bugs = bugs;
    this.cacheBlocks = cacheBlocks;
    this.imageFile = imageFile;
    this.initialMappings = initialMappings;
  }

  private ThinSubject(
      long metadataBlocks, long dataBlocks, Bugs bugs, int cacheBlocks, Path imageFile) {
    this(metadataBlocks, dataBlocks, bugs, cacheBlocks, imageFile, 0);
  }

  /**
   * The same subject whose workloads start from a pool already holding {@code mappings} committed
   * mappings (device 0), so every recovery reads and compares a pool of that size.
   */
  public ThinSubject withInitialMappings(int mappings) {
    if (mappings < 0 || mappings >= dataBlocks) {
      throw new IllegalArgumentException(
          "initial mappings " + mappings + " must be in [0, data blocks " + dataBlocks + ")");
    }
    return new ThinSubject(metadataBlocks, dataBlocks, bugs, cacheBlocks, imageFile, mappings);
  }

  /** The operations that populate the initial image: device 0 with every third block mapped. */
  private List<ThinOp> setup() {
    List<ThinOp> ops = new ArrayList<>();
    if (initialMappings > 0) {
      ops.add(new ThinOp.CreateThin(0));
      for (long i = 0; i < initialMappings; i++) {
        ops.add(new ThinOp.Write(0, 3 * i));
      }
      ops.add(new ThinOp.Commit());
    }
    return ops;
  }

  /**
   * Formats a new image file for {@link #ThinSubject(long, long, Bugs, Path)}; never overwrites.
   */
  public static void formatImage(Path file, long metadataBlocks, long dataBlocks)
      throws IOException {
    try (FileBlockDevice dev = FileBlockDevice.create(file, metadataBlocks)) {
      PoolMetadata.create(dev, new PoolMetadata.Format(DATA_BLOCK_SIZE, dataBlocks)).close();
    }
  }

  /** Parses "dm-thin [meta=N] [data=N] [cache=N] [bugs=a,b]" as written by {@link #spec()}. */
  public static ThinSubject fromSpec(String spec) {
    String[] words = spec.strip().split("\\s+");
    if (!words[0].equals("dm-thin")) {
      throw new IllegalArgumentException("not a dm-thin subject: '" + spec + "'");
    }
    long meta = 1024;
    long data = 1024;
    int cache = BlockManager.DEFAULT_CACHE_BLOCKS;
    Bugs bugs = Bugs.NONE;
    int mappings = 0;
    for (int i = 1; i < words.length; i++) {
      String[] kv = words[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected key=value in subject, got '" + words[i] + "'");
      }
      switch (kv[0]) {
        case "meta" -> meta = Long.parseLong(kv[1]);
        case "data" -> data = Long.parseLong(kv[1]);
        case "cache" -> cache = Integer.parseInt(kv[1]);
        case "bugs" -> bugs = BugCatalog.bugs(kv[1]);
        case "mappings" -> mappings = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown subject parameter '" + kv[0] + "'");
      }
    }
    return new ThinSubject(meta, data, bugs, cache).withInitialMappings(mappings);
  }

  @Override
  public String name() {
    return "dm-thin";
  }

  @Override
  public String spec() {
    return "dm-thin meta="
        + metadataBlocks
        + " data="
        + dataBlocks
        + (cacheBlocks == BlockManager.DEFAULT_CACHE_BLOCKS ? "" : " cache=" + cacheBlocks)
        + (initialMappings == 0 ? "" : " mappings=" + initialMappings)
        + (bugs.isEmpty() ? "" : " bugs=" + bugs);
  }

  public Bugs bugs() {
    return bugs;
  }

  @Override
  public BlockDevice initialImage() throws IOException {
    if (imageFile != null) {
      if (fileImage == null) {
        fileImage = FileBlockDevice.open(imageFile);
      }
      return fileImage;
    }
    return ensureInitial().copy();
  }

  private MemoryBlockDevice ensureInitial() throws IOException {
    if (initial == null) {
      // Formatting is not under test (a crash there leaves no pool to lose), so it runs once,
      // with the correct engine.
      initial = new MemoryBlockDevice(metadataBlocks);
      PoolMetadata.create(initial, new PoolMetadata.Format(DATA_BLOCK_SIZE, dataBlocks)).close();
      setupOutcomes = new ArrayList<>();
      try (ThinEngine engine = new ThinEngine(initial, Bugs.NONE, cacheBlocks)) {
        for (ThinOp op : setup()) {
          setupOutcomes.add(engine.apply(op));
        }
      }
    }
    return initial;
  }

  @Override
  public Engine<ThinOp> start(BlockDevice device) throws IOException {
    return new ThinEngine(device, bugs, cacheBlocks);
  }

  @Override
  public Model<ThinOp, PoolState> newModel() {
    ThinModel model = new ThinModel(dataBlocks, metadataBlocks, DATA_BLOCK_SIZE);
    List<ThinOp> setup = setup();
    if (!setup.isEmpty()) {
      try {
        ensureInitial();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("populating the initial pool", e);
      }
      for (int i = 0; i < setup.size(); i++) {
        String problem = model.apply(setup.get(i), setupOutcomes.get(i));
        if (problem != null) {
          throw new IllegalStateException("populating the initial pool: " + problem);
        }
      }
    }
    return model;
  }

  @Override
  public List<ThinOpKind> operationKinds() {
    return List.of(ThinOpKind.values());
  }

  @Override
  public ThinOpKind kindOf(ThinOp op) {
    return ThinOpKind.of(op);
  }

  @Override
  public OperationCodec<ThinOp> codec() {
    return new ThinOpCodec();
  }

  @Override
  public ThinOp probeAfterFailure() {
    return new ThinOp.Commit();
  }

  @Override
  public Recovery<PoolState> recover(BlockDevice image) throws IOException {
    CheckReport report = MetadataChecker.check(image, CheckOptions.DEFAULT, checkMemo);
    TreeSet<Long> leaked = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Problem p : report.problems()) {
      // A data block allocated but never mapped is what a crash does to in-flight allocations;
      // the model predicts exactly which.
      if (p.is(Rule.DATA_COUNT) && p.severity() == Severity.NON_FATAL) {
        leaked.add(p.block());
      } else {
        problems.add(p.toString());
      }
    }
    if (report.hasFatal()) {
      return new Recovery<>(null, null, List.copyOf(problems));
    }
    PoolState state;
    try {
      state = readState(image, leaked);
    } catch (CorruptMetadataException e) {
      return Recovery.corrupt(e.getMessage());
    }
    return Recovery.recovered(state, problems).withLeaked(leaked.size());
  }

  /** Opens the pool read-only in effect (nothing is changed, so close writes nothing). */
  static PoolState readState(BlockDevice image, TreeSet<Long> leaked) throws IOException {
    try (PoolMetadata pool = PoolMetadata.open(image)) {
      Map<Long, PoolState.Device> devices = new TreeMap<>();
      for (long dev : pool.devices()) {
        DeviceDetails d = pool.details(dev);
        Mappings.Builder mappings = new Mappings.Builder((int) Math.min(d.mappedBlocks(), 1 << 20));
        // The strict check has passed, so the keys ascend (the builder insists on it).
        pool.forEachBlockTime(
            dev,
            (vbs, bts, n) -> {
              for (int i = 0; i < n; i++) {
                long bt = bts[i];
                mappings.add(
                    vbs[i], PoolState.mapping(BlockTime.dataBlock(bt), BlockTime.time(bt)));
              }
            });
        devices.put(
            dev,
            new PoolState.Device(
                d.mappedBlocks(),
                d.transactionId(),
                d.creationTime(),
                d.snapshottedTime(),
                mappings.build()));
      }
      return new PoolState(
          pool.transactionId(),
          pool.time(),
          pool.dataDeviceSize(),
          pool.freeDataBlocks(),
          pool.metadataSnapshot() != 0,
          pool.needsCheck(),
          new TreeMap<>(devices),
          leaked);
    }
  }

  @Override
  public String secondOpinion(BlockDevice image) throws IOException {
    ThinTools.Result r = ThinTools.checkImage(ToolsGeneration.V0_9, image, Duration.ofSeconds(60));
    if (r.ok()) {
      return null;
    }
    return "thin_check: "
        + r.stderr().lines().filter(l -> !l.isBlank()).collect(Collectors.joining(" / "));
  }
}
