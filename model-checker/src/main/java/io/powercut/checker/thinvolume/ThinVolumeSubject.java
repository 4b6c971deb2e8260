package io.powercut.checker.thinvolume;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.Recovery;
import io.powercut.checker.Subject;
import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.pdata.SeededBug;
import io.powercut.thin.check.DataRefMemo;
import io.powercut.thin.target.PoolOptions;
import io.powercut.thin.target.TargetBugCatalog;
import io.powercut.thin.target.ThinPool;
import io.powercut.thin.target.ThinVolume;
import io.powercut.thin.target.ZeroingDiscardDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * dm-thin thin volumes checked at the level of their data, over two devices: device 0 holds the
 * pool metadata, device 1 the data blocks. After a power cut the metadata must pass our strict
 * check, then every block of every volume it lists must read what the block-device contract allows
 * ({@link VolumeModel}). Small geometry for speed: data blocks of 2 device blocks (so writes can be
 * partial), volumes of 8 blocks, volumes 0 and 1 created in the initial image.
 */
public final class ThinVolumeSubject implements Subject<VolumeOp, VolumeState> {
  static final int BLOCKS_PER_DATA_BLOCK = 2;
  static final long VOLUME_BLOCKS = 8;
  static final long INITIAL_VOLUMES = 2;
  private static final int BLOCK = BlockDevice.DEFAULT_BLOCK_SIZE;
  private static final long METADATA_BLOCKS = 256;
  private static final long DATA_BLOCKS = 48;
  static final PoolOptions OPTIONS =
      PoolOptions.DEFAULT.withDataBlockSize(BLOCKS_PER_DATA_BLOCK * BLOCK);

  private final Bugs bugs;
  private final DataRefMemo checkMemo = new DataRefMemo();

  public ThinVolumeSubject(Bugs bugs) {
    this.bugs = Objects.requireNonNull(bugs, "bugs");
  }

  /** The subject a reproducer names: {@code thin-volume}, optionally {@code bugs=ID,...}. */
  public static ThinVolumeSubject fromSpec(String spec) {
    String[] words = spec.strip().split("\\s+");
    if (!words[0].equals("thin-volume") || words.length > 2) {
      throw new IllegalArgumentException(
          "expected 'thin-volume' or 'thin-volume bugs=ID,...', got '" + spec + "'");
    }
    if (words.length == 1) {
      return new ThinVolumeSubject(Bugs.NONE);
    }
    if (!words[1].startsWith("bugs=")) {
      throw new IllegalArgumentException("unknown subject parameter '" + words[1] + "'");
    }
    return new ThinVolumeSubject(TargetBugCatalog.bugs(words[1].substring("bugs=".length())));
  }

  @Override
  public String name() {
    return "thin-volume";
  }

  @Override
  public String spec() {
    if (bugs.isEmpty()) {
      return name();
    }
    List<String> ids = new ArrayList<>();
    for (SeededBug b : TargetBugCatalog.ALL) {
      if (bugs.has(b)) {
        ids.add(b.id());
      }
    }
    return name() + " bugs=" + String.join(",", ids);
  }

  /**
   * After a failed IO the run stops; a tick then lets the pool commit what that IO left in its
   * transaction, so that a mapping inserted before its data IO completed becomes durable and shows.
   */
  @Override
  public VolumeOp probeAfterFailure() {
    return new VolumeOp.Tick();
  }

  /** A formatted pool holding the initial volumes, and a data device full of a non-zero pattern. */
  @Override
  public List<BlockDevice> initialImages() throws IOException {
    List<BlockDevice> images =
        PoolImages.blank(METADATA_BLOCKS, DATA_BLOCKS * BLOCKS_PER_DATA_BLOCK);
    try (ThinPool pool = ThinPool.create(images.get(0), images.get(1), OPTIONS)) {
      for (long v = 0; v < INITIAL_VOLUMES; v++) {
        pool.createThin(v);
      }
    }
    return images;
  }

  @Override
  public Engine<VolumeOp> start(List<? extends BlockDevice> devices) throws IOException {
    PoolImages.requireTwo(name(), devices);
    // A data device that takes discards, so that the pool passes them down (and a passdown that
    // destroys a snapshot's data shows in what the snapshot reads).
    ZeroingDiscardDevice data = new ZeroingDiscardDevice(devices.get(1));
    return new VolumeEngine(ThinPool.open(devices.get(0), data, OPTIONS, bugs));
  }

  @Override
  public Recovery<VolumeState> recover(List<? extends BlockDevice> images) throws IOException {
    PoolImages.requireTwo(name(), images);
    PoolImages.MetadataVerdict metadata = PoolImages.checkMetadata(images.get(0), checkMemo);
    if (!metadata.clean()) {
      return new Recovery<>(null, null, metadata.problems());
    }
    Map<Long, byte[]> read = new TreeMap<>();
    try (ThinPool pool =
        ThinPool.open(
            PoolImages.overlay(images.get(0)), PoolImages.overlay(images.get(1)), OPTIONS, bugs)) {
      for (long id : pool.metadata().devices()) {
        byte[] bytes = new byte[(int) VOLUME_BLOCKS * BLOCK];
        byte[] b = new byte[BLOCK];
        try (ThinVolume v = pool.openVolume(id, VOLUME_BLOCKS)) {
          for (int i = 0; i < VOLUME_BLOCKS; i++) {
            v.read(i, b);
            System.arraycopy(b, 0, bytes, i * BLOCK, BLOCK);
          }
        }
        read.put(id, bytes);
      }
    }
    VolumeState observed = new VolumeState.Observed(read);
    return Recovery.recovered(observed, List.<String>of()).withLeaked(metadata.leaked());
  }

  @Override
  public List<VolumeOpKind> operationKinds() {
    return List.of(VolumeOpKind.values());
  }

  @Override
  public VolumeOpKind kindOf(VolumeOp op) {
    return VolumeOpKind.of(op);
  }

  /** The metadata is checksummed; the data device holds users' bytes as they are. */
  @Override
  public boolean guardsAgainstDamage(int device) {
    return device == 0;
  }

  @Override
  public Model<VolumeOp, VolumeState> newModel() {
    return new VolumeModel();
  }

  @Override
  public OperationCodec<VolumeOp> codec() {
    return VolumeOp.CODEC;
  }
}
