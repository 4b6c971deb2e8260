package io.powercut.cli;

import io.powercut.checker.thin.ThinSubject;

/** The subjects the command line knows, by the spec a reproducer file records. */
final class Subjects {
  private Subjects() {}

  static ThinSubject fromSpec(String spec) throws UsageException {
    String name = spec.strip().split("\\s+")[0];
    if (!name.equals("dm-thin")) {
      throw new UsageException(
          "unknown subject '"
              + name
              + "' (this build knows dm-thin; plug in others through the"
              + " model-checker API)");
    }
    try {
      return ThinSubject.fromSpec(spec);
    } catch (IllegalArgumentException e) {
      throw new UsageException("bad subject '" + spec + "': " + e.getMessage());
    }
  }
}
