package io.powercut.thin.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.powercut.device.BlockDevice;
import java.io.IOException;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/** Assertions on check reports. */
final class Reports {
  static final CheckOptions WITH_SNAPSHOT = new CheckOptions(true, false, false);

  private Reports() {}

  static CheckReport check(BlockDevice device) throws IOException {
    return MetadataChecker.check(device, CheckOptions.DEFAULT);
  }

  static CheckReport assertClean(BlockDevice device, CheckOptions options) throws IOException {
    CheckReport r = MetadataChecker.check(device, options);
    assertTrue(r.clean(), r::toString);
    return r;
  }

  /** The problems breaking {@code rule}; fails if there are none. */
  static List<Problem> problems(CheckReport r, Rule rule) {
    List<Problem> found = r.problems().stream().filter(p -> p.is(rule)).toList();
    if (found.isEmpty()) {
      throw new AssertionFailedError("no \"" + rule.id() + "\" problem in:\n" + r);
    }
    return found;
  }

  /** Asserts that {@code rule} is broken at {@code block} with {@code severity}. */
  static Problem assertProblem(CheckReport r, Rule rule, long block, Severity severity) {
    Problem p =
        problems(r, rule).stream()
            .filter(x -> x.block() == block)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionFailedError(
                        "no \"" + rule.id() + "\" at block " + block + " in:\n" + r));
    assertEquals(severity, p.severity(), p::toString);
    if (severity == Severity.FATAL) {
      assertTrue(r.hasFatal(), r::toString);
    }
    return p;
  }
}
