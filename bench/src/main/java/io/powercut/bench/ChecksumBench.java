package io.powercut.bench;

import io.powercut.pdata.block.Checksum;
import io.powercut.pdata.btree.BTreeNode;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The metadata checksum (CRC-32C) of one 4096-byte block, paid on every read and write. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ChecksumBench {
  private final byte[] block = new byte[4096];

  public ChecksumBench() {
    new SplittableRandom(4).nextBytes(block);
  }

  @Benchmark
  public int crc32c() {
    return Checksum.compute(block, BTreeNode.CHECKSUM_SALT);
  }
}
