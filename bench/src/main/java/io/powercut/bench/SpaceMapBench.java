package io.powercut.bench;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.sm.BitmapBlock;
import io.powercut.pdata.sm.BulkIncrements;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The space maps, each invocation in a fresh transaction over a committed pool: allocating metadata
 * blocks (the map that lives on the device it describes, so an allocation may recurse) and data
 * blocks, and counting references to random data blocks one by one ({@code inc}) or in bulk as a
 * restore does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpaceMapBench {
  static final int BATCH = 10_000;

  /** 16 bitmaps: a batch of random references touches each many times, as a restore does. */
  static final long DATA_BLOCKS = 16 * BitmapBlock.ENTRIES_PER_BLOCK;

  /** A committed pool with free data blocks, reopened for each invocation. */
  @State(Scope.Thread)
  public static class Pool {
    MemoryBlockDevice device;
    final long[] dataBlocks = new SplittableRandom(3).longs(BATCH, 0, DATA_BLOCKS).toArray();
    MetadataFixture fixture;

    @Setup(Level.Trial)
    public void format() throws IOException {
      MetadataFixture f = MetadataFixture.create(16384, DATA_BLOCKS);
      f.commit();
      device = f.device;
    }

    @Setup(Level.Invocation)
    public void reopen() throws IOException {
      fixture = MetadataFixture.open(device);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long metadataAlloc(Pool p) throws IOException {
    long last = 0;
    for (int i = 0; i < BATCH; i++) {
      last = p.fixture.metadataSm.newBlock();
    }
    return last;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long dataAlloc(Pool p) throws IOException {
    long last = 0;
    for (int i = 0; i < BATCH; i++) {
      last = p.fixture.dataSm.newBlock();
    }
    return last;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void dataInc(Pool p) throws IOException {
    for (long b : p.dataBlocks) {
      p.fixture.dataSm.inc(b);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void dataBulkInc(Pool p) throws IOException {
    BulkIncrements bulk = p.fixture.dataSm.bulkIncrements();
    for (long b : p.dataBlocks) {
      bulk.inc(b);
    }
    bulk.finish();
  }
}
