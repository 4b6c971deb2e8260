package io.powercut.cli;

import io.powercut.checker.Subject;
import io.powercut.checker.kv.KvOnThin;
import io.powercut.checker.kv.WalKvSubject;
import io.powercut.checker.thin.ThinSubject;
import io.powercut.checker.thinvolume.ThinVolumeSubject;

/** The subjects the command line knows, by the spec a reproducer file records. */
final class Subjects {
  private Subjects() {}

  static Subject<?, ?> fromSpec(String spec) throws UsageException {
    String name = spec.strip().split("\\s+")[0];
    try {
      return switch (name) {
        case "dm-thin" -> ThinSubject.fromSpec(spec);
        case "kv", "wal-kv" -> WalKvSubject.fromSpec(spec);
        case "thin-volume" -> ThinVolumeSubject.fromSpec(spec);
        case KvOnThin.NAME -> KvOnThin.fromSpec(spec);
        default ->
            throw new UsageException(
                "unknown subject '"
                    + name
                    + "' (this build knows dm-thin, thin-volume, kv and kv-on-thin; plug in others"
                    + " through the model-checker API)");
      };
    } catch (IllegalArgumentException e) {
      throw new UsageException("bad subject '" + spec + "': " + e.getMessage());
    }
  }
}
