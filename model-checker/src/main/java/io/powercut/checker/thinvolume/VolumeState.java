package io.powercut.checker.thinvolume;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the oracle compares: the model's side (the completed operations, replayed into a content
 * model when judged) or the recovery's (what every volume the metadata lists reads back).
 */
public sealed interface VolumeState {
  /** A completed operation with the stamp sequence number its write used (-1 for no write). */
  record Step(VolumeOp op, long seq) {}

  /** The model's side: the operations completed so far, in order. */
  record Expected(List<Step> steps) implements VolumeState {
    public Expected {
      steps = List.copyOf(steps);
    }
  }

  /** The recovery's side: each listed volume's bytes, every block of it in order. */
  final class Observed implements VolumeState {
    private final Map<Long, byte[]> volumes;

    public Observed(Map<Long, byte[]> volumes) {
      TreeMap<Long, byte[]> copy = new TreeMap<>();
      volumes.forEach((v, bytes) -> copy.put(v, bytes.clone()));
      this.volumes = copy;
    }

    /** The volumes read back, ascending, and their content (a copy). */
    public Map<Long, byte[]> volumes() {
      TreeMap<Long, byte[]> copy = new TreeMap<>();
      volumes.forEach((v, bytes) -> copy.put(v, bytes.clone()));
      return copy;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Observed other) || !volumes.keySet().equals(other.volumes.keySet())) {
        return false;
      }
      return volumes.entrySet().stream()
          .allMatch(e -> Arrays.equals(e.getValue(), other.volumes.get(e.getKey())));
    }

    @Override
    public int hashCode() {
      int h = volumes.keySet().hashCode();
      for (byte[] b : volumes.values()) {
        h = 31 * h + Arrays.hashCode(b);
      }
      return h;
    }

    @Override
    public String toString() {
      return "observed volumes " + volumes.keySet();
    }
  }
}
