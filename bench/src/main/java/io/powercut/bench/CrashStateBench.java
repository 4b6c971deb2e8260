package io.powercut.bench;

import io.powercut.device.CrashImage;
import io.powercut.device.CrashPoint;
import io.powercut.device.CrashState;
import io.powercut.device.CrashStateEnumerator;
import io.powercut.device.EnumerationOptions;
import io.powercut.device.FaultyDevice;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Crash-state materialization at a crash point with 10 unflushed writes (over 64 durable blocks):
 * building one state's image and reading the blocks the writes touched, as a recovery would; and
 * enumerating the point's distinct states (every subset: 1024 candidates).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CrashStateBench {
  private static final int UNFLUSHED = 10;

  private CrashPoint point;
  private List<CrashState> states;
  private long[] touched;
  private final byte[] buffer = new byte[4096];
  private int next;

  @Setup
  public void run() throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    FaultyDevice device = new FaultyDevice(new MemoryBlockDevice(256));
    byte[] b = new byte[4096];
    for (long i = 0; i < 64; i++) {
      r.nextBytes(b);
      device.write(i, b);
    }
    device.flush();
    touched = new long[UNFLUSHED];
    for (int i = 0; i < UNFLUSHED; i++) {
      touched[i] = r.nextInt(64);
      r.nextBytes(b);
      device.write(touched[i], b);
    }
    point = device.crashPoint();
    states = CrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(1)).states();
  }

  @Benchmark
  public void image(Blackhole bh) throws IOException {
    CrashImage image = point.image(states.get(next++ % states.size()));
    for (long block : touched) {
      image.read(block, buffer);
      bh.consume(buffer);
    }
  }

  @Benchmark
  public CrashStateEnumerator.Result enumerate() throws IOException {
    return CrashStateEnumerator.enumerate(point, EnumerationOptions.seeded(1));
  }
}
