package io.powercut.fuzz;

import io.powercut.checker.Engine;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import io.powercut.property.Seeds;
import io.powercut.thin.xml.PoolBuilder;
import io.powercut.thin.xml.PoolDumper;
import io.powercut.thin.xml.PoolXmlHandler;
import io.powercut.thin.xml.XmlDevice;
import io.powercut.thin.xml.XmlSuperblock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed images written by our engine: each starts with a fixed script that gives every structure
 * something to mutate (a device tree with internal nodes, a subtree shared by three devices, so a
 * metadata count in the overflow tree, leaves copied from shared ones, so data counts of 3), goes
 * on with a seeded random workload, and every third holds a metadata snapshot. Two more are the
 * same pools rewritten by our restore as format version 1.
 */
public final class EngineSeeds {
  /** Metadata blocks of every seed: the fuzzing throughput goal is for images up to 256 blocks. */
  public static final int METADATA_BLOCKS = 256;

  /** Data blocks of most seeds: one data bitmap, since the checker's audit scans every entry. */
  public static final long DATA_BLOCKS = 6_000;

  /**
   * Data blocks of every fourth seed: three bitmaps, so the data index tree has several entries.
   */
  public static final long MANY_DATA_BLOCKS = 40_000;

  private static final long BASE_SEED = Seeds.fromName("EngineSeeds");

  private EngineSeeds() {}

  /** {@code count} engine seeds and two version-1 rewrites of the first ones. */
  public static List<SeedImage> build(int count) throws IOException {
    List<SeedImage> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new SeedImage("engine-" + i, write(i)));
    }
    for (int i = 0; i < Math.min(2, count); i++) {
      out.add(new SeedImage("engine-v1-" + i, version1(out.get(i).image())));
    }
    return out;
  }

  /** The image of workload {@code index}. */
  static Image write(int index) throws IOException {
    long dataBlocks = index % 4 == 3 ? MANY_DATA_BLOCKS : DATA_BLOCKS;
    ThinSubject subject = new ThinSubject(METADATA_BLOCKS, dataBlocks, Bugs.NONE);
    BlockDevice device = subject.initialImage();
    try (Engine<ThinOp> engine = subject.start(device)) {
      for (ThinOp op : script(index, dataBlocks)) {
        engine.apply(op);
      }
    }
    return Image.of(device);
  }

  private static List<ThinOp> script(int index, long dataBlocks) {
    List<ThinOp> ops = new ArrayList<>();
    ops.add(new ThinOp.CreateThin(0));
    int mapped = 260 + 70 * (index % 4);
    for (long vb = 0; vb < mapped; vb++) {
      ops.add(new ThinOp.Write(0, vb * (1 + index % 3)));
    }
    ops.add(new ThinOp.Commit());
    ops.add(new ThinOp.CreateSnap(1, 0));
    ops.add(new ThinOp.CreateSnap(2, 0));
    ops.add(new ThinOp.Commit());
    ops.add(new ThinOp.Write(1, 0));
    ops.add(new ThinOp.Write(2, 1));
    ops.add(new ThinOp.Commit());
    ops.add(new ThinOp.CreateSnap(3, 2));
    ops.add(new ThinOp.CreateSnap(4, 2));
    ops.add(new ThinOp.Commit());
    long seed = Seeds.derive(BASE_SEED, index);
    for (ThinOp op : new ThinWorkloads(8, 600, dataBlocks).generate(seed, 120)) {
      // A block allocated and never mapped is a leak (what a crash leaves): seeds are clean, and
      // need no check.
      if (!(op instanceof ThinOp.Alloc) && !(op instanceof ThinOp.SetNeedsCheck)) {
        ops.add(op);
      }
    }
    ops.add(new ThinOp.Commit());
    if (index % 3 == 0) {
      ops.add(new ThinOp.ReserveSnap());
      ops.add(new ThinOp.Write(0, 5));
      ops.add(new ThinOp.CreateThin(7));
      ops.add(new ThinOp.Commit());
    }
    return ops;
  }

  /** The pool of {@code image} rewritten by our restore as format version 1. */
  static Image version1(Image image) throws IOException {
    MemoryBlockDevice device = new MemoryBlockDevice(METADATA_BLOCKS);
    PoolBuilder builder = new PoolBuilder(device, 4 * METADATA_BLOCKS);
    PoolDumper.dump(image, false, new AsVersion(builder, 1));
    return Image.of(device);
  }

  /** Passes pool events on with the superblock's version replaced. */
  private record AsVersion(PoolXmlHandler next, long version) implements PoolXmlHandler {
    @Override
    public void beginSuperblock(XmlSuperblock s) throws IOException {
      next.beginSuperblock(
          new XmlSuperblock(
              s.uuid(),
              s.time(),
              s.transaction(),
              s.flags(),
              version,
              s.dataBlockSize(),
              s.nrDataBlocks(),
              s.metadataSnap()));
    }

    @Override
    public void beginDevice(XmlDevice d) throws IOException {
      next.beginDevice(d);
    }

    @Override
    public void mapping(long originBegin, long dataBegin, long length, long time)
        throws IOException {
      next.mapping(originBegin, dataBegin, length, time);
    }

    @Override
    public void endDevice() throws IOException {
      next.endDevice();
    }

    @Override
    public void endSuperblock() throws IOException {
      next.endSuperblock();
    }
  }
}
