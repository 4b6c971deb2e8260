package io.powercut.checker.kv;

import io.powercut.checker.OperationCodec;

/** An operation of the write-ahead-log key-value store: a put, or a sync that commits them. */
public sealed interface KvOp {
  /** Appends a record setting {@code key} to {@code value}; durable at the next sync. */
  record Put(long key, long value) implements KvOp {}

  /** Makes every put so far durable: the log, then the header that names its last record. */
  record Sync() implements KvOp {}

  /** Reproducer lines: {@code put K V} and {@code sync}. */
  OperationCodec<KvOp> CODEC =
      new OperationCodec<>() {
        @Override
        public String format(KvOp op) {
          return op instanceof Put p ? "put " + p.key() + " " + p.value() : "sync";
        }

        @Override
        public KvOp parse(String line) {
          String[] w = line.strip().split("\\s+");
          if (w.length == 1 && w[0].equals("sync")) {
            return new Sync();
          }
          if (w.length == 3 && w[0].equals("put")) {
            try {
              return new Put(Long.parseLong(w[1]), Long.parseLong(w[2]));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("put needs two numbers, got '" + line + "'", e);
            }
          }
          throw new IllegalArgumentException(
              "expected 'put KEY VALUE' or 'sync', got '" + line + "'");
        }
      };
}
