package io.powercut.checker.thinvolume;

import io.powercut.checker.OperationCodec;
import io.powercut.checker.volume.SectorStamp;
import io.powercut.device.BlockDevice;

/**
 * An operation of the thin-volume subject: a pool message or an IO of one thin volume. A write's
 * stamp sequence number is the count of writes before it in the workload, so the engine and the
 * model agree on it and a shrunk workload stays valid.
 */
public sealed interface VolumeOp {
  /** Whether the blocks the op names lie inside a volume ({@link VolumeRefusal#OUT_OF_RANGE}). */
  default boolean withinVolume() {
    return true;
  }

  /** {@code create_thin volume}. */
  record Create(long volume) implements VolumeOp {}

  /** {@code create_snap snapshot origin}. */
  record Snapshot(long snapshot, long origin) implements VolumeOp {}

  /** {@code delete volume}. */
  record Delete(long volume) implements VolumeOp {}

  /**
   * A write of {@code blocks} 4 KiB blocks of stamps from {@code block}, one bio, FUA or not: two
   * blocks from an even one cover a whole data block, which the pool provisions without zeroing.
   */
  record Write(long volume, long block, int blocks, boolean fua) implements VolumeOp {
    public Write {
      if (blocks < 1 || blocks > MAX_WRITE_BLOCKS) {
        throw new IllegalArgumentException(
            "write: expected 1 to " + MAX_WRITE_BLOCKS + " blocks, got " + blocks);
      }
    }

    /** A write of one block. */
    public Write(long volume, long block, boolean fua) {
      this(volume, block, 1, fua);
    }

    /** The bytes this write puts down as write number {@code seq}: a stamp per sector. */
    public byte[] stamps(long seq) {
      byte[] out = new byte[blocks * BlockDevice.DEFAULT_BLOCK_SIZE];
      for (int i = 0; i < blocks; i++) {
        byte[] b = SectorStamp.block(volume, block + i, seq);
        System.arraycopy(b, 0, out, i * b.length, b.length);
      }
      return out;
    }

    @Override
    public boolean withinVolume() {
      return block + blocks <= ThinVolumeSubject.VOLUME_BLOCKS;
    }
  }

  /** The longest write a workload makes: a whole volume. */
  int MAX_WRITE_BLOCKS = (int) ThinVolumeSubject.VOLUME_BLOCKS;

  /** A FLUSH of one volume. */
  record Flush(long volume) implements VolumeOp {}

  /** A discard of one whole data block of a volume. */
  record Discard(long volume, long dataBlock) implements VolumeOp {
    @Override
    public boolean withinVolume() {
      return dataBlock < ThinVolumeSubject.VOLUME_BLOCKS / ThinVolumeSubject.BLOCKS_PER_DATA_BLOCK;
    }
  }

  /** One tick of the pool's clock (a periodic commit may follow). */
  record Tick() implements VolumeOp {}

  /**
   * One line each: "create 1", "snapshot 2 0", "write 0 3" (one block), "fua 0 2 2" (two blocks
   * from block 2), "flush 0", ...
   */
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
            return (w.fua() ? "fua " : "write ")
                + w.volume()
                + " "
                + w.block()
                + (w.blocks() == 1 ? "" : " " + w.blocks());
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
                  case "write/3" -> new Write(number(w[1]), number(w[2]), blocks(w[3]), false);
                  case "fua/3" -> new Write(number(w[1]), number(w[2]), blocks(w[3]), true);
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
              "expected 'create V', 'snapshot S O', 'delete V', 'write V B [N]', 'fua V B [N]',"
                  + " 'flush V', 'discard V D' or 'tick' with numbers >= 0 (N from 1 to "
                  + MAX_WRITE_BLOCKS
                  + "), got '"
                  + line
                  + "'");
        }

        private int blocks(String word) {
          long n = number(word);
          if (n < 1 || n > MAX_WRITE_BLOCKS) {
            throw new NumberFormatException(word);
          }
          return (int) n;
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
