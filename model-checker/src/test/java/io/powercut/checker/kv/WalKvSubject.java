package io.powercut.checker.kv;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.Outcome;
import io.powercut.checker.Recovery;
import io.powercut.checker.Refusal;
import io.powercut.checker.Subject;
import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The second subject, and the example in the README of plugging an engine in: a tiny key-value
 * store with a write-ahead log. {@code put} appends a record to the log; {@code sync} makes the log
 * durable and then writes a header naming the last committed record. Recovery replays the records
 * the header covers. With {@code headerFirst} it writes the header before flushing the records, the
 * classic ordering bug.
 */
public final class WalKvSubject implements Subject<String, Map<Long, Long>> {
  private static final long MAGIC = 0x57414C4BL;
  private final boolean headerFirst;

  public WalKvSubject(boolean headerFirst) {
    this.headerFirst = headerFirst;
  }

  @Override
  public String name() {
    return headerFirst ? "wal-kv-header-first" : "wal-kv";
  }

  @Override
  public BlockDevice initialImage() {
    return new MemoryBlockDevice(512, 64);
  }

  @Override
  public Engine<String> start(BlockDevice device) {
    return new Engine<>() {
      long next = 1;

      @Override
      public Outcome apply(String op) {
        try {
          String[] w = op.split(" ");
          if (w[0].equals("put")) {
            if (next >= device.blockCount()) {
              return Outcome.refused(Full.FULL);
            }
            device.write(next, block(MAGIC, next, Long.parseLong(w[1]), Long.parseLong(w[2])));
            next++;
          } else {
            if (!headerFirst) {
              device.flush();
            }
            device.write(0, block(MAGIC, next - 1, 0, 0));
            device.flush();
          }
          return Outcome.ok();
        } catch (IOException e) {
          return Outcome.failed(e);
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public Recovery<Map<Long, Long>> recover(BlockDevice image) throws IOException {
    long[] header = read(image, 0);
    TreeMap<Long, Long> state = new TreeMap<>();
    if (header[0] != MAGIC) {
      return Recovery.recovered(state, java.util.List.of());
    }
    for (long seq = 1; seq <= header[1] && seq < image.blockCount(); seq++) {
      long[] r = read(image, seq);
      if (r[0] != MAGIC || r[1] != seq) {
        return Recovery.corrupt("record " + seq + " is missing: expected sequence " + seq);
      }
      state.put(r[2], r[3]);
    }
    return Recovery.recovered(state, java.util.List.of());
  }

  @Override
  public Model<String, Map<Long, Long>> newModel() {
    return new Model<>() {
      final TreeMap<Long, Long> pending = new TreeMap<>();
      TreeMap<Long, Long> committed = new TreeMap<>();

      @Override
      public String apply(String op, Outcome outcome) {
        if (!outcome.isOk()) {
          return outcome.kind() == Outcome.Kind.REFUSED ? null : "failed: " + outcome;
        }
        String[] w = op.split(" ");
        if (w[0].equals("put")) {
          pending.put(Long.parseLong(w[1]), Long.parseLong(w[2]));
        } else {
          committed = new TreeMap<>(pending);
        }
        return null;
      }

      @Override
      public Map<Long, Long> committed() {
        return committed;
      }

      @Override
      public String diff(Map<Long, Long> expected, Map<Long, Long> recovered) {
        return expected.equals(recovered) ? null : "expected " + expected + ", got " + recovered;
      }
    };
  }

  @Override
  public OperationCodec<String> codec() {
    return new OperationCodec<>() {
      @Override
      public String format(String op) {
        return op;
      }

      @Override
      public String parse(String line) {
        return line.strip();
      }
    };
  }

  private static byte[] block(long a, long b, long c, long d) {
    return ByteBuffer.allocate(512).putLong(a).putLong(b).putLong(c).putLong(d).array();
  }

  private static long[] read(BlockDevice dev, long block) throws IOException {
    byte[] d = new byte[512];
    dev.read(block, d);
    ByteBuffer b = ByteBuffer.wrap(d);
    return new long[] {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
  }

  /** The store's one refusal: every block is used. */
  private enum Full implements Refusal {
    FULL;

    @Override
    public String word() {
      return "full";
    }
  }
}
