package io.powercut.bench;

import io.powercut.checker.IoErrorPlan;
import io.powercut.checker.Recovery;
import io.powercut.checker.Trace;
import io.powercut.checker.thin.PoolState;
import io.powercut.checker.thin.ThinOp;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thin.ThinWorkloads;
import io.powercut.device.CrashImage;
import io.powercut.device.GroupCrashPoint;
import io.powercut.pdata.Bugs;
import io.powercut.thin.check.CheckOptions;
import io.powercut.thin.check.CheckReport;
import io.powercut.thin.check.DataRefMemo;
import io.powercut.thin.check.MetadataChecker;
import java.io.IOException;
import java.util.List;
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

/**
 * One recovery as explore makes it, of the pool `explore --initial-mappings 1000` judges: 1000
 * committed mappings, then a seeded workload of 40 operations, every write landed. {@code check} is
 * the strict structural check alone; {@code recover} is the check and the read-back of every device
 * and mapping that the crash oracle compares with the model. {@code checkTwo} and {@code
 * checkTwoWithMemo} check that image and an earlier durable one of the same workload in turn, as
 * the recoveries of one crash point alternate between the old and the new commit: from scratch, and
 * with a {@link DataRefMemo} carrying the counts from one check to the next.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RecoveryBench {
  private ThinSubject subject;
  private CrashImage image;
  private CrashImage earlier;
  private final DataRefMemo memo = new DataRefMemo();
  private boolean flip;

  @Setup
  public void run() throws IOException {
    subject = new ThinSubject(1024, 8192, Bugs.NONE).withInitialMappings(1000);
    List<ThinOp> ops = new ThinWorkloads(8, 4096, 8192).generate(7, 40);
    Trace<ThinOp, PoolState> trace = Trace.run(subject, ops, IoErrorPlan.NONE);
    GroupCrashPoint end = trace.group().crashPoint(trace.log().size());
    image = end.images(end.allSurvive()).get(0);
    GroupCrashPoint middle = trace.group().crashPoint(trace.log().size() / 2);
    earlier = middle.images(middle.noneSurvive()).get(0);
    for (CrashImage i : List.of(image, earlier)) {
      Recovery<PoolState> r = subject.recover(i);
      if (!r.clean()) {
        throw new IllegalStateException("the benchmark's pool does not recover cleanly: " + r);
      }
    }
  }

  @Benchmark
  public CheckReport check() throws IOException {
    return MetadataChecker.check(image, CheckOptions.DEFAULT);
  }

  @Benchmark
  public CheckReport checkTwo() throws IOException {
    flip = !flip;
    return MetadataChecker.check(flip ? image : earlier, CheckOptions.DEFAULT);
  }

  @Benchmark
  public CheckReport checkTwoWithMemo() throws IOException {
    flip = !flip;
    return MetadataChecker.check(flip ? image : earlier, CheckOptions.DEFAULT, memo);
  }

  @Benchmark
  public Recovery<PoolState> recover() throws IOException {
    return subject.recover(image);
  }
}
