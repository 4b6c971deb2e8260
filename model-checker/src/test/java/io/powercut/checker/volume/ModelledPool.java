package io.powercut.checker.volume;

import io.powercut.device.BlockDevice;
import io.powercut.device.CrashPoint;
import io.powercut.device.CrashState;
import io.powercut.device.FaultyDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.thin.target.PoolOptions;
import io.powercut.thin.target.ThinPool;
import io.powercut.thin.target.ThinVolume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A {@link ThinPool} over two {@link FaultyDevice}s, driven together with a {@link
 * VolumeContentModel}: each operation goes to the pool and, once it completed, to the model. The
 * data device starts full of a non-zero pattern, so a block never zeroed reads garbage. Data blocks
 * are 4 device blocks (16 KiB), volumes 16 blocks.
 */
final class ModelledPool implements AutoCloseable {
  static final int BLOCK = BlockDevice.DEFAULT_BLOCK_SIZE;
  static final int BLOCKS_PER_DATA_BLOCK = 4;
  static final long VOLUME_BLOCKS = 16;
  static final PoolOptions OPTIONS =
      PoolOptions.DEFAULT.withDataBlockSize(BLOCKS_PER_DATA_BLOCK * BLOCK);
  private static final long METADATA_BLOCKS = 1024;

  final FaultyDevice metadata;
  final FaultyDevice data;
  final ThinPool pool;
  final VolumeContentModel model = new VolumeContentModel(BLOCKS_PER_DATA_BLOCK);
  private final Bugs bugs;
  private final Map<Long, ThinVolume> open = new TreeMap<>();

  ModelledPool(long dataBlocks, Bugs bugs) throws IOException {
    this.bugs = bugs;
    MemoryBlockDevice raw = new MemoryBlockDevice(BLOCK, dataBlocks * BLOCKS_PER_DATA_BLOCK);
    byte[] pattern = new byte[BLOCK];
    Arrays.fill(pattern, (byte) 0xA5);
    for (long b = 0; b < raw.blockCount(); b++) {
      raw.write(b, pattern);
    }
    metadata = new FaultyDevice(new MemoryBlockDevice(BLOCK, METADATA_BLOCKS));
    data = new FaultyDevice(raw);
    pool = ThinPool.create(metadata, data, OPTIONS, bugs);
  }

  /** {@code create_thin} commits the pool: every volume's completed writes are durable. */
  void createVolume(long id) throws IOException {
    pool.createThin(id);
    model.createVolume(id);
    model.flushAll();
    open.put(id, pool.openVolume(id, VOLUME_BLOCKS));
  }

  void createSnapshot(long id, long origin) throws IOException {
    pool.createSnapshot(id, origin);
    model.createSnapshot(id, origin);
    model.flushAll();
    open.put(id, pool.openVolume(id, VOLUME_BLOCKS));
  }

  void deleteVolume(long id) throws IOException {
    open.remove(id).close();
    pool.deleteDevice(id);
    model.deleteVolume(id);
    model.flushAll();
  }

  void write(long id, long first, int blocks, boolean fua) throws IOException {
    byte[] bytes = model.nextWrite(id, first, blocks);
    open.get(id).writeBlocks(first, bytes, fua);
    if (fua) {
      model.writeFua(id, first, bytes);
    } else {
      model.write(id, first, bytes);
    }
  }

  void flush(long id) throws IOException {
    open.get(id).flush();
    model.flush(id);
  }

  void discard(long id, long first, long count) throws IOException {
    open.get(id).discard(first, count);
    model.discard(id, first, count);
  }

  List<Long> volumes() {
    return new ArrayList<>(open.keySet());
  }

  /** The state in which every write not yet flushed (or FUA'd) is lost, on both devices. */
  List<SectorVerdict> judgeDurableOnly() throws IOException {
    return judge(metadata.crashPoint().noneSurvive(), data.crashPoint().noneSurvive());
  }

  /**
   * The durable-only state of a power cut when the metadata device has done every IO so far and the
   * data device only those before log position {@code dataPosition}.
   */
  List<SectorVerdict> judgeDurableOnlyWithDataAt(int dataPosition) throws IOException {
    return judge(metadata.crashPoint().noneSurvive(), data.crashPoint(dataPosition).noneSurvive());
  }

  /**
   * The durable-only state of a power cut when the data device has done every IO so far and the
   * metadata device only those before log position {@code metadataPosition}.
   */
  List<SectorVerdict> judgeDurableOnlyWithMetadataAt(int metadataPosition) throws IOException {
    return judge(
        metadata.crashPoint(metadataPosition).noneSurvive(), data.crashPoint().noneSurvive());
  }

  /** The open volume {@code id}, for an IO the model is told of later (or never). */
  ThinVolume volume(long id) {
    return open.get(id);
  }

  /** The state of a clean shutdown: every completed write survives, on both devices. */
  List<SectorVerdict> judgeCleanShutdown() throws IOException {
    return judge(metadata.crashPoint().allSurvive(), data.crashPoint().allSurvive());
  }

  /**
   * A state in which each unflushed write of either device survives or not, drawn from {@code r}.
   */
  List<SectorVerdict> judgeRandomSurvivors(SplittableRandom r) throws IOException {
    return judge(randomSurvivors(metadata.crashPoint(), r), randomSurvivors(data.crashPoint(), r));
  }

  private static CrashState randomSurvivors(CrashPoint point, SplittableRandom r) {
    CrashState.Builder b = CrashState.at(point.position());
    for (int write : point.unflushedWrites()) {
      if (r.nextBoolean()) {
        b.survive(write);
      }
    }
    return b.build();
  }

  /** Reopens the pool on the two crash images and judges every block of every live volume. */
  private List<SectorVerdict> judge(CrashState onMetadata, CrashState onData) throws IOException {
    BlockDevice m = copy(metadata.powerLoss(onMetadata));
    BlockDevice d = copy(data.powerLoss(onData));
    List<SectorVerdict> verdicts = new ArrayList<>();
    try (ThinPool recovered = ThinPool.open(m, d, OPTIONS, bugs)) {
      for (long id : model.volumes()) {
        try (ThinVolume v = recovered.openVolume(id, VOLUME_BLOCKS)) {
          verdicts.addAll(model.judge(id, v));
        }
      }
    }
    return verdicts;
  }

  private static MemoryBlockDevice copy(BlockDevice image) throws IOException {
    MemoryBlockDevice copy = new MemoryBlockDevice(image.blockSize(), image.blockCount());
    byte[] b = new byte[image.blockSize()];
    for (long i = 0; i < image.blockCount(); i++) {
      image.read(i, b);
      copy.write(i, b);
    }
    return copy;
  }

  @Override
  public void close() throws IOException {
    pool.close();
  }
}
