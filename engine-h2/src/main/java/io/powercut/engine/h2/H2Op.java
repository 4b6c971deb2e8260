package io.powercut.engine.h2;

import io.powercut.checker.OperationCodec;

/**
 * An operation on the MVStore of {@link H2Subject}, over maps {@code map0} to {@code map}{@link
 * H2Subject#MAPS}{@code -1} of {@code Long} keys and {@link StampedValue} bytes.
 */
public sealed interface H2Op {
  H2OpKind kind();

  /** {@code MVMap.put}: changes the open version only, until a commit. */
  record Put(int map, long key, StampedValue value) implements H2Op {
    public Put {
      checkMap(map);
    }

    @Override
    public H2OpKind kind() {
      return H2OpKind.PUT;
    }
  }

  /** {@code MVMap.remove}: changes the open version only, until a commit. */
  record Remove(int map, long key) implements H2Op {
    public Remove {
      checkMap(map);
    }

    @Override
    public H2OpKind kind() {
      return H2OpKind.REMOVE;
    }
  }

  /** {@code MVStore.commit()}: writes the open version as a new chunk, without an fsync. */
  record Commit() implements H2Op {
    @Override
    public H2OpKind kind() {
      return H2OpKind.COMMIT;
    }
  }

  /** {@code MVStore.sync()}: fsyncs the store file, making the last committed version durable. */
  record Sync() implements H2Op {
    @Override
    public H2OpKind kind() {
      return H2OpKind.SYNC;
    }
  }

  /**
   * Rewrites sparse chunks ({@code compact(100, ...)}, committing the open version) and then moves
   * chunks towards the start of the file ({@code compactMoveChunks}), which fsyncs on its own.
   */
  record Compact() implements H2Op {
    @Override
    public H2OpKind kind() {
      return H2OpKind.COMPACT;
    }
  }

  /** {@code MVStore.close()} (commit, clean-shutdown mark, fsync) and a fresh open. */
  record Reopen() implements H2Op {
    @Override
    public H2OpKind kind() {
      return H2OpKind.REOPEN;
    }
  }

  private static void checkMap(int map) {
    if (map < 0 || map >= H2Subject.MAPS) {
      throw new IllegalArgumentException(
          "map: expected 0 to " + (H2Subject.MAPS - 1) + ", got " + map);
    }
  }

  /** Reproducer lines: {@code put mapN KEY STAMP:LENGTH}, {@code remove mapN KEY}, or a word. */
  OperationCodec<H2Op> CODEC =
      new OperationCodec<>() {
        @Override
        public String format(H2Op op) {
          if (op instanceof Put p) {
            return "put " + H2Subject.mapName(p.map()) + " " + p.key() + " " + p.value();
          }
          if (op instanceof Remove r) {
            return "remove " + H2Subject.mapName(r.map()) + " " + r.key();
          }
          return op.kind().id();
        }

        @Override
        public H2Op parse(String line) {
          String[] w = line.strip().split("\\s+");
          return switch (w[0]) {
            case "put" -> {
              expectWords(w, 4, line);
              yield new Put(map(w[1]), key(w[2]), StampedValue.parse(w[3]));
            }
            case "remove" -> {
              expectWords(w, 3, line);
              yield new Remove(map(w[1]), key(w[2]));
            }
            case "commit" -> word(w, new Commit(), line);
            case "sync" -> word(w, new Sync(), line);
            case "compact" -> word(w, new Compact(), line);
            case "reopen" -> word(w, new Reopen(), line);
            default ->
                throw new IllegalArgumentException(
                    "expected put, remove, commit, sync, compact or reopen, got '" + line + "'");
          };
        }

        private static H2Op word(String[] w, H2Op op, String line) {
          expectWords(w, 1, line);
          return op;
        }

        private static void expectWords(String[] w, int n, String line) {
          if (w.length != n) {
            throw new IllegalArgumentException(
                "expected " + n + " words for " + w[0] + ", got '" + line + "'");
          }
        }

        private static int map(String word) {
          for (int m = 0; m < H2Subject.MAPS; m++) {
            if (H2Subject.mapName(m).equals(word)) {
              return m;
            }
          }
          throw new IllegalArgumentException(
              "expected a map map0 to map" + (H2Subject.MAPS - 1) + ", got '" + word + "'");
        }

        private static long key(String word) {
          try {
            return Long.parseLong(word);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a numeric key, got '" + word + "'", e);
          }
        }
      };
}
