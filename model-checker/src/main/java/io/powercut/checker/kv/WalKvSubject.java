package io.powercut.checker.kv;

import io.powercut.checker.Engine;
import io.powercut.checker.Model;
import io.powercut.checker.OperationCodec;
import io.powercut.checker.Outcome;
import io.powercut.checker.Recovery;
import io.powercut.checker.Subject;
import io.powercut.device.BlockDevice;
import io.powercut.device.MemoryBlockDevice;
import io.powercut.pdata.Bugs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The example of plugging an engine in (see the README): a tiny key-value store with a write-ahead
 * log ({@link WalKvStore}), its recovery, and its model. What it promises: after a power cut the
 * store holds exactly the puts up to the last completed sync, never a record it did not log.
 */
public final class WalKvSubject implements Subject<KvOp, Map<Long, Long>> {
  /** Blocks of the device: the header and 63 records. */
  public static final int BLOCKS = 64;

  /** The subject's name in specs; {@code wal-kv}, its earlier name, is still read. */
  public static final String NAME = "kv";

  private final Bugs bugs;
  private final int blockSize;

  /** The store on its own device of 512-byte blocks. */
  public WalKvSubject(Bugs bugs) {
    this(bugs, KvLayout.BLOCK_SIZE);
  }

  /** The store on a device of {@code blockSize}-byte blocks (4 KiB on a thin volume). */
  public WalKvSubject(Bugs bugs, int blockSize) {
    this.bugs = Objects.requireNonNull(bugs, "bugs");
    if (blockSize < KvLayout.SLOT_BYTES) {
      throw new IllegalArgumentException(
          "block size: expected >= " + KvLayout.SLOT_BYTES + ", got " + blockSize);
    }
    this.blockSize = blockSize;
  }

  /** The subject a reproducer's spec names: {@code kv}, optionally {@code bugs=ID,...}. */
  public static WalKvSubject fromSpec(String spec) {
    String[] words = spec.strip().split("\\s+");
    if (!isName(words[0]) || words.length > 2) {
      throw new IllegalArgumentException("expected 'kv' or 'kv bugs=ID,...', got '" + spec + "'");
    }
    if (words.length == 1) {
      return new WalKvSubject(Bugs.NONE);
    }
    if (!words[1].startsWith("bugs=")) {
      throw new IllegalArgumentException("unknown subject parameter '" + words[1] + "'");
    }
    return new WalKvSubject(bugs(words[1].substring("bugs=".length()).split(",")));
  }

  /** Whether {@code word} names this subject ({@code kv}, or its earlier name). */
  public static boolean isName(String word) {
    return word.equals(NAME) || word.equals("wal-kv");
  }

  /** The store's bugs of {@code ids}; an id of no {@link KvBug} is refused. */
  static Bugs bugs(String... ids) {
    List<KvBug> bugs = new ArrayList<>();
    for (String id : ids) {
      bugs.add(
          Arrays.stream(KvBug.values())
              .filter(b -> b.id().equals(id))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown bug '" + id + "'")));
    }
    return Bugs.of(Set.copyOf(bugs));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String spec() {
    return bugs.isEmpty() ? name() : name() + " bugs=" + bugs;
  }

  /** The switched-on bugs, for a subject that stacks this one. */
  Bugs bugs() {
    return bugs;
  }

  @Override
  public BlockDevice initialImage() {
    return new MemoryBlockDevice(blockSize, BLOCKS);
  }

  @Override
  public Engine<KvOp> start(BlockDevice device) {
    return new WalKvStore(device, bugs);
  }

  /** Replays the records the header covers; a covered record that is missing is corruption. */
  @Override
  public Recovery<Map<Long, Long>> recover(BlockDevice image) throws IOException {
    KvLayout.Slot header = KvLayout.read(image, KvLayout.HEADER);
    TreeMap<Long, Long> state = new TreeMap<>();
    if (header.magic() != KvLayout.MAGIC) {
      return Recovery.recovered(state, List.of());
    }
    if (header.seq() < 0 || header.seq() >= image.blockCount()) {
      return Recovery.corrupt(
          "header: expected a last record below " + image.blockCount() + ", got " + header.seq());
    }
    for (long seq = 1; seq <= header.seq(); seq++) {
      KvLayout.Slot r = KvLayout.read(image, seq);
      if (!r.isRecord(seq)) {
        return Recovery.corrupt("record " + seq + " is missing: expected sequence " + seq);
      }
      state.put(r.key(), r.value());
    }
    return Recovery.recovered(state, List.of());
  }

  /** The example store keeps no checksums: it cannot tell a rotten or misplaced record. */
  @Override
  public boolean guardsAgainstDamage(int device) {
    return false;
  }

  @Override
  public Model<KvOp, Map<Long, Long>> newModel() {
    return new Model<>() {
      final TreeMap<Long, Long> pending = new TreeMap<>();
      TreeMap<Long, Long> committed = new TreeMap<>();

      @Override
      public String apply(KvOp op, Outcome outcome) {
        if (outcome.isRefused(WalKvStore.Full.FULL)) {
          return null;
        }
        if (!outcome.isOk() && outcome.kind() != Outcome.Kind.FAILED) {
          return "expected ok, got " + outcome;
        }
        // An operation whose IO failed may have landed or not: the run stops there, and a crash
        // may find the state on either side of it (allowedDuring), so it counts as applied.
        if (op instanceof KvOp.Put p) {
          pending.put(p.key(), p.value());
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
  public OperationCodec<KvOp> codec() {
    return KvOp.CODEC;
  }
}
