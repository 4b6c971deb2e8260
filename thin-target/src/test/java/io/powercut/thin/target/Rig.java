package io.powercut.thin.target;

import io.powercut.device.BlockDevice;
import io.powercut.device.CrashState;
import io.powercut.device.FaultyDevice;
import io.powercut.device.ForwardingBlockDevice;
import io.powercut.device.IoFaults;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A pool over two fault-injecting devices: a metadata device and a data device that records the
 * discards passed down to it. The data device starts full of a recognisable garbage pattern, so a
 * block that was not zeroed shows it.
 */
final class Rig implements AutoCloseable {
  static final int BLOCK = BlockDevice.DEFAULT_BLOCK_SIZE;
  static final long METADATA_BLOCKS = 1024;

  final FaultyDevice metadata;
  final FaultyDevice data;
  final DiscardRecorder dataDevice;
  final SuperblockWatch metadataDevice;
  final PoolOptions options;
  ThinPool pool;

  Rig(PoolOptions options, long dataBlocks, IoFaults metadataFaults) throws IOException {
    this(options, dataBlocks, metadataFaults, IoFaults.none());
  }

  Rig(PoolOptions options, long dataBlocks, IoFaults metadataFaults, IoFaults dataFaults)
      throws IOException {
    this(options, dataBlocks, metadataFaults, dataFaults, Bugs.NONE);
  }

  Rig(PoolOptions options, long dataBlocks, IoFaults metadataFaults, IoFaults dataFaults, Bugs bugs)
      throws IOException {
    this.options = options;
    MemoryBlockDevice rawData =
        new MemoryBlockDevice(BLOCK, dataBlocks * options.blocksPerDataBlock());
    for (long b = 0; b < rawData.blockCount(); b++) {
      rawData.write(b, garbage(b));
    }
    this.metadata = new FaultyDevice(new MemoryBlockDevice(BLOCK, METADATA_BLOCKS), metadataFaults);
    this.data = new FaultyDevice(rawData, dataFaults);
    this.dataDevice = new DiscardRecorder(data);
    this.metadataDevice = new SuperblockWatch(metadata, data);
    this.pool = ThinPool.create(metadataDevice, dataDevice, options, bugs);
  }

  Rig(PoolOptions options, long dataBlocks) throws IOException {
    this(options, dataBlocks, IoFaults.none());
  }

  Rig(PoolOptions options, long dataBlocks, Bugs bugs) throws IOException {
    this(options, dataBlocks, IoFaults.none(), IoFaults.none(), bugs);
  }

  /** Small data blocks of 4 device blocks (16 KiB), for fast tests. */
  static PoolOptions small() {
    return PoolOptions.DEFAULT.withDataBlockSize(4 * BLOCK);
  }

  /** What a never-written data device block holds. */
  static byte[] garbage(long deviceBlock) {
    byte[] b = new byte[BLOCK];
    Arrays.fill(b, (byte) (0xA0 | (deviceBlock & 0xF)));
    return b;
  }

  static byte[] filled(int value) {
    byte[] b = new byte[BLOCK];
    Arrays.fill(b, (byte) value);
    return b;
  }

  static byte[] random(SplittableRandom r, int blocks) {
    byte[] b = new byte[blocks * BLOCK];
    for (int i = 0; i < b.length; i += 8) {
      long v = r.nextLong();
      for (int j = 0; j < 8; j++) {
        b[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return b;
  }

  /** What a block holds, for messages: "zeros", "filled 0x03", "garbage 0xa5" or "mixed". */
  static String describe(byte[] b) {
    for (byte x : b) {
      if (x != b[0]) {
        return "mixed data";
      }
    }
    String value = String.format("0x%02x", b[0] & 0xFF);
    return b[0] == 0 ? "zeros" : ((b[0] & 0xF0) == 0xA0 ? "garbage " : "filled ") + value;
  }

  static byte[] read(BlockDevice d, long block) throws IOException {
    byte[] b = new byte[BLOCK];
    d.read(block, b);
    return b;
  }

  /** The pool as a power loss right now leaves it: only what was flushed or FUA'd, reopened. */
  ThinPool afterPowerLoss() throws IOException {
    return afterPowerLoss(data.log().size());
  }

  /**
   * Block {@code block} of volume {@code dev} ({@code blocks} long) after the data device writes
   * its whole cache back (a crash state the model allows) and the power is cut before any commit.
   */
  byte[] afterWriteBackAndPowerLoss(long dev, long blocks, long block) throws IOException {
    data.flush();
    try (ThinPool after = afterPowerLoss()) {
      return read(after.openVolume(dev, blocks), block);
    }
  }

  /**
   * The pool as a power loss leaves it with every IO of the metadata device done and the data
   * device's log cut at {@code dataPosition}, only what was flushed or FUA'd by then kept: the
   * power cut of one moment, when the metadata device is ahead of the data device.
   */
  ThinPool afterPowerLoss(int dataPosition) throws IOException {
    BlockDevice m = copy(metadata.powerLoss(CrashState.at(metadata.log().size()).build()));
    BlockDevice d = copy(data.powerLoss(CrashState.at(dataPosition).build()));
    return ThinPool.open(m, d, options);
  }

  private static MemoryBlockDevice copy(BlockDevice image) throws IOException {
    MemoryBlockDevice m = new MemoryBlockDevice(image.blockSize(), image.blockCount());
    byte[] b = new byte[image.blockSize()];
    for (long i = 0; i < image.blockCount(); i++) {
      image.read(i, b);
      m.write(i, b);
    }
    return m;
  }

  @Override
  public void close() throws IOException {
    pool.close();
  }

  /**
   * The metadata device as the pool sees it: at each write of the superblock (block 0) it records
   * how many writes of the data device were still unflushed, and where the data device's log was.
   */
  static final class SuperblockWatch extends ForwardingBlockDevice {
    final List<Integer> unflushedDataAtSuperblock = new ArrayList<>();
    final List<Integer> dataLogAtSuperblock = new ArrayList<>();
    private final FaultyDevice data;

    SuperblockWatch(BlockDevice inner, FaultyDevice data) {
      super(inner);
      this.data = data;
    }

    @Override
    public void write(long block, byte[] src) throws IOException {
      watch(block);
      super.write(block, src);
    }

    @Override
    public void writeFua(long block, byte[] src) throws IOException {
      watch(block);
      super.writeFua(block, src);
    }

    private void watch(long block) {
      if (block == 0) {
        unflushedDataAtSuperblock.add(data.unflushedWrites());
        dataLogAtSuperblock.add(data.log().size());
      }
    }
  }

  /**
   * A data device that takes discards and records them, in device blocks; with {@link
   * #zeroDiscarded}, a discarded block then reads zeros, as on a device that zeroes discards.
   */
  static final class DiscardRecorder extends ForwardingBlockDevice implements DiscardableDevice {
    final List<long[]> discards = new ArrayList<>();
    boolean zeroDiscarded;

    DiscardRecorder(BlockDevice inner) {
      super(inner);
    }

    @Override
    public void discard(long first, long count) throws IOException {
      discards.add(new long[] {first, count});
      for (long b = first; zeroDiscarded && b < first + count; b++) {
        writeFua(b, new byte[BLOCK]);
      }
    }
  }
}
