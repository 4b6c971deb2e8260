package io.powercut.checker.thinvolume;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.OperationKind;
import io.powercut.checker.Recovery;
import io.powercut.checker.Subject;
import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.thin.check.DataRefMemo;
import io.powercut.thin.target.ThinPool;
import io.powercut.thin.target.ThinVolume;
import io.powercut.thin.target.ZeroingDiscardDevice;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Subjects compose: any subject of one block device (4 KiB blocks) runs on thin volume 0 of a pool
 * over two devices, a metadata and a data device that one power cut hits at once, and is judged by
 * its own model. Between its operations the pool's administrator may snapshot the volume or let the
 * pool's clock tick ({@link StackOp}). Its initial image is copied onto the volume and committed;
 * after a crash the pool metadata must pass the strict check, and then the inner subject recovers
 * from the volume as it would from its own device. With the correct pool, whatever the inner
 * subject promises on a block device it must still deliver; a data-path bug of the pool shows as a
 * broken promise of the engine above it.
 *
 * @param <O> the inner subject's operations
 * @param <S> the state its recovery reads back
 */
public final class OnThinVolume<O, S> implements Subject<StackOp<O>, S> {
  private static final long VOLUME = 0;
  private static final long METADATA_BLOCKS = 256;

  private final Subject<O, S> inner;
  private final String name;
  private final String spec;
  private final Bugs poolBugs;
  private final long volumeBlocks;
  private final DataRefMemo checkMemo = new DataRefMemo();

  /**
   * {@code inner}, whose initial image has {@code volumeBlocks} blocks, on a thin volume of that
   * size in a pool with {@code poolBugs} switched on; {@code name} and {@code spec} are what
   * reproducers record (the caller parses them back).
   */
  public OnThinVolume(
      Subject<O, S> inner, long volumeBlocks, String name, String spec, Bugs poolBugs) {
    if (volumeBlocks < 1) {
      throw new IllegalArgumentException("volume: expected >= 1 blocks, got " + volumeBlocks);
    }
    this.volumeBlocks = volumeBlocks;
    this.inner = Objects.requireNonNull(inner, "inner");
    this.name = Objects.requireNonNull(name, "name");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.poolBugs = Objects.requireNonNull(poolBugs, "poolBugs");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String spec() {
    return spec;
  }

  /** A pool whose volume 0 holds the inner subject's initial image, committed. */
  @Override
  public List<BlockDevice> initialImages() throws IOException {
    BlockDevice image = inner.initialImage();
    if (image.blockSize() != BlockDevice.DEFAULT_BLOCK_SIZE || image.blockCount() != volumeBlocks) {
      throw new IllegalArgumentException(
          inner.name()
              + ": expected an image of "
              + volumeBlocks
              + " blocks of "
              + BlockDevice.DEFAULT_BLOCK_SIZE
              + " bytes to run on a thin volume, got "
              + image.blockCount()
              + " of "
              + image.blockSize());
    }
    int k = ThinVolumeSubject.OPTIONS.blocksPerDataBlock();
    // Room for every block of the volume six times over: snapshots copy on write, crashes leak.
    long dataBlocks = 6 * ((image.blockCount() + k - 1) / k) + 8;
    List<BlockDevice> images = PoolImages.blank(METADATA_BLOCKS, dataBlocks * k);
    try (ThinPool pool = ThinPool.create(images.get(0), images.get(1), ThinVolumeSubject.OPTIONS)) {
      pool.createThin(VOLUME);
      try (ThinVolume v = pool.openVolume(VOLUME, image.blockCount())) {
        byte[] b = new byte[image.blockSize()];
        byte[] zero = new byte[image.blockSize()];
        for (long i = 0; i < image.blockCount(); i++) {
          image.read(i, b);
          // An unmapped block reads zeros already; mapping it would only use space.
          if (!Arrays.equals(b, zero)) {
            v.write(i, b);
          }
        }
        v.flush();
      }
    }
    return images;
  }

  @Override
  public Engine<StackOp<O>> start(List<? extends BlockDevice> devices) throws IOException {
    PoolImages.requireTwo(name, devices);
    ThinPool pool =
        ThinPool.open(
            devices.get(0),
            new ZeroingDiscardDevice(devices.get(1)),
            ThinVolumeSubject.OPTIONS,
            poolBugs);
    return new StackEngine<>(pool, inner.start(pool.openVolume(VOLUME, volumeBlocks)));
  }

  /** The metadata strictly checked, then the inner subject's recovery from the volume. */
  @Override
  public Recovery<S> recover(List<? extends BlockDevice> images) throws IOException {
    PoolImages.requireTwo(name, images);
    PoolImages.MetadataVerdict metadata = PoolImages.checkMetadata(images.get(0), checkMemo);
    if (!metadata.clean()) {
      return new Recovery<>(null, null, metadata.problems());
    }
    try (ThinPool pool =
        ThinPool.open(
            PoolImages.overlay(images.get(0)),
            PoolImages.overlay(images.get(1)),
            ThinVolumeSubject.OPTIONS,
            poolBugs)) {
      if (!pool.metadata().devices().contains(VOLUME)) {
        return Recovery.corrupt("thin device " + VOLUME + " is missing from the pool");
      }
      try (ThinVolume v = pool.openVolume(VOLUME, volumeBlocks)) {
        return inner.recover(v).withLeaked(metadata.leaked());
      }
    }
  }

  /** The engine's probe, else a tick: it lets the pool commit what a failed IO left mapped. */
  @Override
  public StackOp<O> probeAfterFailure() {
    O probe = inner.probeAfterFailure();
    return probe == null ? new StackOp.Tick<>() : new StackOp.Above<>(probe);
  }

  @Override
  public List<? extends OperationKind> operationKinds() {
    return inner.operationKinds();
  }

  @Override
  public OperationKind kindOf(StackOp<O> op) {
    return op instanceof StackOp.Above<O> a ? inner.kindOf(a.op()) : null;
  }

  /** The metadata is checksummed; the data device holds users' bytes as they are. */
  @Override
  public boolean guardsAgainstDamage(int device) {
    return device == 0;
  }

  @Override
  public Model<StackOp<O>, S> newModel() {
    return new StackModel<>(inner.newModel());
  }

  @Override
  public OperationCodec<StackOp<O>> codec() {
    return StackOp.codec(inner.codec());
  }
}
