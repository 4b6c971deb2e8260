package io.powercut.checker.fs;

import io.powercut.checker.OperationCodec;
import io.powercut.checker.OperationKind;
import io.powercut.checker.WorkloadGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** An operation of {@link FileKvSubject}: set a key's value, or delete the key. */
sealed interface FileKvOp {
  record Put(int key, long value) implements FileKvOp {}

  record Delete(int key) implements FileKvOp {}

  /** The coverage rows. */
  enum Kind implements OperationKind {
    PUT,
    DELETE;

    @Override
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  default Kind kind() {
    return this instanceof Put ? Kind.PUT : Kind.DELETE;
  }

  /** {@code put KEY VALUE} and {@code delete KEY}. */
  OperationCodec<FileKvOp> CODEC =
      new OperationCodec<>() {
        @Override
        public String format(FileKvOp op) {
          if (op instanceof Put p) {
            return "put " + p.key() + " " + p.value();
          }
          return "delete " + ((Delete) op).key();
        }

        @Override
        public FileKvOp parse(String line) {
          String[] w = line.strip().split(" ");
          try {
            if (w[0].equals("put") && w.length == 3) {
              return new Put(Integer.parseInt(w[1]), Long.parseLong(w[2]));
            }
            if (w[0].equals("delete") && w.length == 2) {
              return new Delete(Integer.parseInt(w[1]));
            }
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected numbers, got '" + line + "'", e);
          }
          throw new IllegalArgumentException(
              "expected 'put KEY VALUE' or 'delete KEY', got '" + line + "'");
        }
      };

  /** Seeded workloads over {@code keys} keys: mostly puts of small values, some deletes. */
  static WorkloadGenerator<FileKvOp> workloads(int keys) {
    return workloads(keys, true);
  }

  /** Seeded workloads over {@code keys} keys: puts, and some deletes if {@code deletes}. */
  static WorkloadGenerator<FileKvOp> workloads(int keys, boolean deletes) {
    return (seed, length) -> {
      SplittableRandom r = new SplittableRandom(seed);
      List<FileKvOp> ops = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        int key = r.nextInt(keys);
        ops.add(deletes && r.nextInt(4) == 0 ? new Delete(key) : new Put(key, 1 + r.nextInt(1000)));
      }
      return ops;
    };
  }

  /** A small vocabulary for exhaustive sweeps: overwrites, a second key, a delete. */
  static List<FileKvOp> vocabulary() {
    return List.of(new Put(0, 1), new Put(0, 2), new Put(1, 3), new Delete(0));
  }
}
