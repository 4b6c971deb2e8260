package io.powercut.bench;

import io.powercut.device.MemoryBlockDevice;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.MetadataChecker;
import io.powercut.thin.xml.PoolBuilder;
import io.powercut.thin.xml.PoolXmlHandler;
import io.powercut.thin.xml.PoolXmlPipeline;
import io.powercut.thin.xml.PoolXmlWriter;
import io.powercut.thin.xml.XmlDevice;
import io.powercut.thin.xml.XmlSuperblock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The paths of restore and check at scale, in memory (no JVM start, no file IO, unlike the side by
 * side runs with the real tools): {@code parse} is the XML pipeline alone (StAX on one core, the
 * handler on the other) into a handler that only counts; {@code restore} is the pipeline into the
 * pool builder, as {@code powercut restore} runs it; {@code check} is the strict check of the
 * restored image, whose reference counting moves to the second core once a pool has more than a few
 * thousand mappings. The XML is thin_dump's shape: four devices, runs of consecutive blocks as
 * range mappings between single ones.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PoolXmlBench {
  private static final int DEVICES = 4;

  @Param({"1000000"})
  public int mappings;

  private byte[] xml;
  private long metadataBlocks;
  private MemoryBlockDevice restored;

  @Setup
  public void setUp() throws IOException {
    xml = generate(mappings, 0x5EED);
    // Room for the trees at a 50% fill, the space maps and slack.
    metadataBlocks = 64 + 3L * mappings / 120;
    restored = restore();
  }

  @Benchmark
  public long parse() throws IOException {
    Counting c = new Counting();
    PoolXmlPipeline.read(new ByteArrayInputStream(xml), "bench.xml", c);
    return c.blocks;
  }

  @Benchmark
  public MemoryBlockDevice restore() throws IOException {
    MemoryBlockDevice image = new MemoryBlockDevice(metadataBlocks);
    PoolXmlPipeline.read(new ByteArrayInputStream(xml), "bench.xml", new PoolBuilder(image));
    return image;
  }

  @Benchmark
  public CheckReport check() throws IOException {
    CheckReport r = MetadataChecker.check(restored, CheckOptions.DEFAULT);
    if (r.hasFatal()) {
      throw new IllegalStateException("the restored pool does not check: " + r.problems());
    }
    return r;
  }

  /**
   * thin_dump-shaped XML of {@code n} mapped blocks over {@link #DEVICES} devices, written by the
   * dumper's own {@link PoolXmlWriter}.
   */
  static byte[] generate(int n, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * n);
    PoolXmlWriter w = new PoolXmlWriter(out);
    w.beginSuperblock(new XmlSuperblock("", 1, 1, 0, 2, 128, 2L * n + 1024, 0));
    long data = 0;
    for (int dev = 0; dev < DEVICES; dev++) {
      int share = n / DEVICES + (dev < n % DEVICES ? 1 : 0);
      w.beginDevice(new XmlDevice(dev, share, 0, 0, 0));
      long origin = 0;
      for (int left = share; left > 0; ) {
        int run = Math.min(left, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(16));
        origin += r.nextInt(3);
        data += r.nextInt(2);
        w.mapping(origin, data, run, 0);
        origin += run;
        data += run;
        left -= run;
      }
      w.endDevice();
    }
    w.endSuperblock();
    return out.toByteArray();
  }

  /** Counts the mapped blocks it is given, and nothing else. */
  private static final class Counting implements PoolXmlHandler {
    long blocks;

    @Override
    public void beginSuperblock(XmlSuperblock superblock) {}

    @Override
    public void beginDevice(XmlDevice device) {}

    @Override
    public void mapping(long originBegin, long dataBegin, long length, long time) {
      blocks += length;
    }

    @Override
    public void endDevice() {}

    @Override
    public void endSuperblock() {}
  }
}
