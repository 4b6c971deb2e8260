package io.powercut.checker.thinvolume;

import io.powercut.checker.OperationCodec;
import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An operation of a subject stacked on a thin volume ({@link OnThinVolume}): one of the engine's
 * own, or one the pool's administrator does underneath it while it runs: a snapshot of its volume
 * (a backup), or a tick of the pool's clock (a periodic commit). Both change nothing the engine
 * promised, and both are where dm-thin's data-path ordering matters: a snapshot makes the next
 * write to every block break sharing, and a periodic commit makes mappings durable while the
 * engine's data may still sit in the data device's cache.
 *
 * @param <O> the engine's operations
 */
public sealed interface StackOp<O> {
  /** An operation of the engine on the volume. */
  record Above<O>(O op) implements StackOp<O> {
    public Above {
      Objects.requireNonNull(op, "op");
    }
  }

  /** {@code create_snap} of the engine's volume, with the next free id. */
  record Snapshot<O>() implements StackOp<O> {}

  /** One tick of the pool's clock. */
  record Tick<O>() implements StackOp<O> {}

  String SNAPSHOT = "pool snapshot";
  String TICK = "pool tick";

  /** The engine's lines as they are, and "pool snapshot", "pool tick". */
  static <O> OperationCodec<StackOp<O>> codec(OperationCodec<O> inner) {
    return new OperationCodec<>() {
      @Override
      public String format(StackOp<O> op) {
        if (op instanceof Above<O> a) {
          return inner.format(a.op());
        }
        return op instanceof Snapshot ? SNAPSHOT : TICK;
      }

      @Override
      public StackOp<O> parse(String line) {
        String l = line.strip().replaceAll("\\s+", " ");
        if (l.equals(SNAPSHOT)) {
          return new Snapshot<>();
        } else if (l.equals(TICK)) {
          return new Tick<>();
        }
        return new Above<>(inner.parse(line));
      }
    };
  }

  /** The engine's workloads with, one step in six, a pool snapshot or tick in between. */
  static <O> WorkloadGenerator<StackOp<O>> workloads(WorkloadGenerator<O> inner) {
    return (seed, length) -> {
      List<O> ops = inner.generate(seed, length);
      SplittableRandom r = new SplittableRandom(seed ^ 0x57AC4L);
      List<StackOp<O>> out = new ArrayList<>(length);
      for (int i = 0; out.size() < length; ) {
        int roll = r.nextInt(12);
        if (roll == 0) {
          out.add(new Snapshot<>());
        } else if (roll == 1) {
          out.add(new Tick<>());
        } else {
          out.add(new Above<>(ops.get(i++)));
        }
      }
      return out;
    };
  }

  /** The engine's sweep alphabet, a snapshot and a tick. */
  static <O> List<StackOp<O>> vocabulary(List<O> inner) {
    List<StackOp<O>> out = new ArrayList<>();
    inner.forEach(op -> out.add(new Above<>(op)));
    out.add(new Snapshot<>());
    out.add(new Tick<>());
    return out;
  }
}
