package io.powercut.checker.thinvolume;

import io.powercut.checker.OperationCodec;

/**
 * An operation of the thin-volume subject: a pool message or an IO of one thin volume. A write's
 * stamp sequence number is the count of writes before it in the workload, so the engine and the
 * model agree on it and a shrunk workload stays valid.
 */
public sealed interface VolumeOp {
  /** {@code create_thin volume}. */
  record Create(long volume) implements VolumeOp {}

  /** {@code create_snap snapshot origin}. */
  record Snapshot(long snapshot, long origin) implements VolumeOp {}

  /** {@code delete volume}. */
  record Delete(long volume) implements VolumeOp {}

  /** A write of one 4 KiB block of stamps, FUA or not. */
  record Write(long volume, long block, boolean fua) implements VolumeOp {}

  /** A FLUSH of one volume. */
  record Flush(long volume) implements VolumeOp {}

  /** A discard of one whole data block of a volume. */
  record Discard(long volume, long dataBlock) implements VolumeOp {}

  /** One tick of the pool's clock (a periodic commit may follow). */
  record Tick() implements VolumeOp {}

  /** One line each: "create 1", "snapshot 2 0", "write 0 3", "fua 0 3", "flush 0", ... */
  OperationCodec<VolumeOp> CODEC =
      new OperationCodec<>() {
        @Override
        public String format(VolumeOp op) {
          if (op instanceof Create c) {
            return "create " + c.volume();
          } else if (op instanceof Snapshot s) {
            return "snapshot " + s.snapshot() + " " + s.origin();
          } else if (op instanceof Delete d) {
            return "delete " + d.volume();
          } else if (op instanceof Write w) {
            return (w.fua() ? "fua " : "write ") + w.volume() + " " + w.block();
          } else if (op instanceof Flush f) {
            return "flush " + f.volume();
          } else if (op instanceof Discard d) {
            return "discard " + d.volume() + " " + d.dataBlock();
          }
          return "tick";
        }

        @Override
        public VolumeOp parse(String line) {
          String[] w = line.strip().split("\\s+");
          try {
            VolumeOp op =
                switch (w[0] + "/" + (w.length - 1)) {
                  case "create/1" -> new Create(number(w[1]));
                  case "snapshot/2" -> new Snapshot(number(w[1]), number(w[2]));
                  case "delete/1" -> new Delete(number(w[1]));
                  case "write/2" -> new Write(number(w[1]), number(w[2]), false);
                  case "fua/2" -> new Write(number(w[1]), number(w[2]), true);
                  case "flush/1" -> new Flush(number(w[1]));
                  case "discard/2" -> new Discard(number(w[1]), number(w[2]));
                  case "tick/0" -> new Tick();
                  default -> null;
                };
            if (op != null) {
              return op;
            }
          } catch (NumberFormatException e) {
            // Falls through to the message naming the line.
          }
          throw new IllegalArgumentException(
              "expected 'create V', 'snapshot S O', 'delete V', 'write V B', 'fua V B', 'flush V',"
                  + " 'discard V D' or 'tick' with numbers >= 0, got '"
                  + line
                  + "'");
        }

        private long number(String word) {
          long n = Long.parseLong(word);
          if (n < 0) {
            throw new NumberFormatException(word);
          }
          return n;
        }
      };
}
