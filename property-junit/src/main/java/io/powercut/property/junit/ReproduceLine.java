package io.powercut.property.junit;

import io.powercut.property.Seeds;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The one-line command that re-runs a single failing seed. Its shape is fixed because people and
 * scripts copy it from CI logs: {@code REPRODUCE: mvn -pl <module> test
 * -Dtest=<SimpleClassName>#<method> -Dpowercut.seed=<seed>}.
 */
public final class ReproduceLine {
  /** The Maven module of the running tests; the parent pom's Surefire configuration sets it. */
  static final String MODULE = "powercut.module";

  private ReproduceLine() {}

  /**
   * The reproduce line for {@code seed} of {@code testClass#method} in Maven module {@code module}.
   * A nested class is named {@code Outer$Inner}; the test filter is then single-quoted so that a
   * shell it is pasted into does not expand {@code $Inner}.
   */
  public static String of(String module, String testClass, String method, long seed) {
    String filter = testClass + "#" + method;
    if (testClass.contains("$")) {
      filter = "'" + filter + "'";
    }
    return "REPRODUCE: mvn -pl "
        + module
        + " test -Dtest="
        + filter
        + " -Dpowercut.seed="
        + Seeds.format(seed);
  }

  /**
   * The module named by the {@code powercut.module} setting, else the working directory's name,
   * which is the module's directory when Surefire runs the tests.
   */
  static String module(Function<String, String> settings) {
    return SeedPlan.setting(settings, MODULE)
        .orElseGet(() -> Path.of("").toAbsolutePath().toFile().getName());
  }

  /**
   * Makes {@code line} part of {@code failure}'s report as a suppressed exception, keeping the
   * failure's own type and message so that IDE diffs and assertion details survive; wraps it only
   * when the failure does not accept suppressed exceptions.
   */
  static Throwable attach(Throwable failure, String line) {
    ReproduceHint hint = new ReproduceHint(line);
    failure.addSuppressed(hint);
    if (failure.getSuppressed().length > 0) {
      return failure;
    }
    return new AssertionError(line, failure);
  }

  /** Carries a reproduce line into stack traces and test reports; never thrown. */
  static final class ReproduceHint extends RuntimeException {
    ReproduceHint(String line) {
      super(line, null, false, false);
    }
  }
}
