package io.powercut.checker.kv;

import io.powercut.checker.Engine;
import io.powercut.checker.Outcome;
import io.powercut.checker.Refusal;
import io.powercut.device.BlockDevice;
import io.powercut.pdata.Bugs;
import java.io.IOException;

/**
 * The engine: {@code put} appends a record to the log ({@link KvLayout}); {@code sync} flushes the
 * log, then writes the header naming the last record and flushes it. Recovery trusts the header, so
 * the header must never reach the disk before the records it covers.
 */
final class WalKvStore implements Engine<KvOp> {
  /** The store's one refusal: every block of the log is used. */
  enum Full implements Refusal {
    FULL;

    @Override
    public String word() {
      return "full";
    }
  }

  private final BlockDevice device;
  private final boolean headerFirst;
  private long next = 1;

  WalKvStore(BlockDevice device, Bugs bugs) {
    this.device = device;
    this.headerFirst = bugs.has(KvBug.HEADER_BEFORE_LOG);
  }

  @Override
  public Outcome apply(KvOp op) {
    try {
      if (op instanceof KvOp.Put p) {
        if (next >= device.blockCount()) {
          return Outcome.refused(Full.FULL);
        }
        KvLayout.writeRecord(device, next, p.key(), p.value());
        next++;
      } else {
        if (!headerFirst) {
          device.flush();
        }
        KvLayout.writeHeader(device, next - 1);
        device.flush();
      }
      return Outcome.ok();
    } catch (IOException e) {
      return Outcome.failed(e);
    }
  }

  @Override
  public void close() {}
}
