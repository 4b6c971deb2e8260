package io.powercut.checker;

import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A store on two devices that share a power supply, the smallest that needs both: puts are staged
 * in memory; a commit appends each staged value to the data device (device 1), flushes it, then
 * writes one commit record naming every key's data block to the journal device (device 0) and
 * flushes that. Recovery reads the record and the blocks it names. The seeded bug skips the data
 * flush: a flush of the journal does not make the data durable, so a power cut can keep the record
 * and lose the data it names.
 */
final class JournalDataSubject implements Subject<JournalDataSubject.Op, Map<Integer, Long>> {
  static final int BLOCK_SIZE = 512;
  static final int DATA_BLOCKS = 16;
  private static final int RECORD_MAGIC = 0x4a524e4c;
  private static final int DATA_MAGIC = 0x44415441;

  /** The store's operations. */
  sealed interface Op permits Put, Commit {}

  /** Stages {@code value} for {@code key}. */
  record Put(int key, long value) implements Op {}

  /** Makes every staged put durable. */
  record Commit() implements Op {}

  private final boolean skipDataFlush;

  /** The store, with the seeded ordering bug (commit record before the data flush) or without. */
  JournalDataSubject(boolean skipDataFlush) {
    this.skipDataFlush = skipDataFlush;
  }

  @Override
  public String name() {
    return "journal-data";
  }

  @Override
  public String spec() {
    return skipDataFlush ? "journal-data bugs=commit-before-data-flush" : "journal-data";
  }

  @Override
  public List<BlockDevice> initialImages() {
    return List.of(
        new MemoryBlockDevice(BLOCK_SIZE, 1), new MemoryBlockDevice(BLOCK_SIZE, DATA_BLOCKS));
  }

  @Override
  public Engine<Op> start(List<? extends BlockDevice> devices) {
    return new Store(devices.get(0), devices.get(1));
  }

  @Override
  public Recovery<Map<Integer, Long>> recover(List<? extends BlockDevice> images)
      throws IOException {
    ByteBuffer record = read(images.get(0), 0);
    Map<Integer, Long> state = new TreeMap<>();
    if (record.getInt(0) == 0) {
      return Recovery.recovered(state, List.of());
    }
    int count = record.getInt(4);
    if (record.getInt(0) != RECORD_MAGIC
        || count < 0
        || count > DATA_BLOCKS
        || record.getLong(8 + 8 * count) != crc(record, 8 + 8 * count)) {
      return Recovery.corrupt("commit record is damaged");
    }
    for (int i = 0; i < count; i++) {
      int key = record.getInt(8 + 8 * i);
      int block = record.getInt(12 + 8 * i);
      ByteBuffer data = read(images.get(1), block);
      // The block number in the block catches a value that a misdirected write left elsewhere.
      if (data.getInt(0) != DATA_MAGIC
          || data.getInt(4) != key
          || data.getInt(16) != block
          || data.getLong(24) != crc(data, 24)) {
        return Recovery.corrupt(
            "commit record names data block " + block + " for key " + key + ", which lacks it");
      }
      state.put(key, data.getLong(8));
    }
    return Recovery.recovered(state, List.of());
  }

  @Override
  public Model<Op, Map<Integer, Long>> newModel() {
    return new StoreModel();
  }

  @Override
  public OperationCodec<Op> codec() {
    return new OperationCodec<>() {
      @Override
      public String format(Op op) {
        return op instanceof Put p ? "put " + p.key() + " " + p.value() : "commit";
      }

      @Override
      public Op parse(String line) {
        String[] w = line.strip().split("\\s+");
        if (w.length == 1 && w[0].equals("commit")) {
          return new Commit();
        }
        if (w.length == 3 && w[0].equals("put")) {
          return new Put(Integer.parseInt(w[1]), Long.parseLong(w[2]));
        }
        throw new IllegalArgumentException("expected 'put K V' or 'commit', got '" + line + "'");
      }
    };
  }

  private static ByteBuffer read(BlockDevice device, long block) throws IOException {
    byte[] b = new byte[BLOCK_SIZE];
    device.read(block, b);
    return ByteBuffer.wrap(b);
  }

  private static long crc(ByteBuffer b, int length) {
    CRC32 c = new CRC32();
    c.update(b.array(), 0, length);
    return c.getValue();
  }

  /** The running store: staged puts, and where each committed key's value lives. */
  private final class Store implements Engine<Op> {
    private final BlockDevice journal;
    private final BlockDevice data;
    private final Map<Integer, Long> staged = new TreeMap<>();
    private final Map<Integer, Integer> blockOf = new TreeMap<>();
    private int nextDataBlock;

    Store(BlockDevice journal, BlockDevice data) {
      this.journal = journal;
      this.data = data;
    }

    @Override
    public Outcome apply(Op op) {
      try {
        if (op instanceof Put p) {
          staged.put(p.key(), p.value());
        } else {
          commit();
        }
        return Outcome.ok();
      } catch (IOException | RuntimeException e) {
        return Outcome.failed(e);
      }
    }

    private void commit() throws IOException {
      if (staged.isEmpty()) {
        return;
      }
      for (Map.Entry<Integer, Long> put : staged.entrySet()) {
        if (nextDataBlock == DATA_BLOCKS) {
          throw new IllegalStateException("the data device is full");
        }
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SIZE);
        b.putInt(0, DATA_MAGIC).putInt(4, put.getKey()).putLong(8, put.getValue());
        b.putInt(16, nextDataBlock).putLong(24, crc(b, 24));
        data.write(nextDataBlock, b.array());
        blockOf.put(put.getKey(), nextDataBlock++);
      }
      staged.clear();
      if (!skipDataFlush) {
        data.flush();
      }
      ByteBuffer r = ByteBuffer.allocate(BLOCK_SIZE);
      r.putInt(0, RECORD_MAGIC).putInt(4, blockOf.size());
      int at = 8;
      for (Map.Entry<Integer, Integer> e : blockOf.entrySet()) {
        r.putInt(at, e.getKey()).putInt(at + 4, e.getValue());
        at += 8;
      }
      r.putLong(at, crc(r, at));
      journal.write(0, r.array());
      journal.flush();
    }

    @Override
    public void close() {}
  }

  /** Committed and staged puts; a commit makes the staged ones committed. */
  private static final class StoreModel implements Model<Op, Map<Integer, Long>> {
    private final Map<Integer, Long> committed = new TreeMap<>();
    private final Map<Integer, Long> staged = new TreeMap<>();

    @Override
    public String apply(Op op, Outcome outcome) {
      if (op instanceof Put p) {
        if (!outcome.isOk()) {
          return "a put does no IO, yet " + outcome;
        }
        staged.put(p.key(), p.value());
      } else if (outcome.kind() == Outcome.Kind.REFUSED) {
        return "a commit is never refused, yet " + outcome;
      } else {
        // A commit that failed may have written its record or not: a crash may recover either.
        committed.putAll(staged);
        staged.clear();
      }
      return null;
    }

    @Override
    public Map<Integer, Long> committed() {
      return Collections.unmodifiableMap(new TreeMap<>(committed));
    }

    @Override
    public String diff(Map<Integer, Long> expected, Map<Integer, Long> recovered) {
      return expected.equals(recovered) ? null : "expected " + expected + ", got " + recovered;
    }
  }
}
