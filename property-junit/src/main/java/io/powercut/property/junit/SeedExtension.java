package io.powercut.property.junit;

import io.powercut.property.Seeds;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Supplies one known seed to a test method and attaches that seed's reproduce line to the method's
 * failures.
 */
final class SeedExtension implements ParameterResolver, TestExecutionExceptionHandler {
  private final long seed;

  SeedExtension(long seed) {
    this.seed = seed;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == long.class || type == Long.class || type == SplittableRandom.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == SplittableRandom.class) {
      return new SplittableRandom(seed);
    }
    return seed;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (failure instanceof TestAbortedException) {
      throw failure; // a skipped test is not a failure to reproduce
    }
    String line =
        TestLocation.of(context).reproduceLine(ReproduceLine.module(settings(context)), seed);
    System.err.println(line);
    throw ReproduceLine.attach(failure, line);
  }

  /** JUnit configuration parameters, which fall back to system properties. */
  static Function<String, String> settings(ExtensionContext context) {
    return name -> context.getConfigurationParameter(name).orElse(null);
  }

  /** The run of seeds for the test method of {@code context}, with its default count. */
  static SeedPlan plan(ExtensionContext context, int defaultCount) {
    return SeedPlan.resolve(
        defaultCount, Seeds.fromName(TestLocation.of(context).name()), settings(context));
  }
}
