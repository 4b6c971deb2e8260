package io.powercut.property.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Gives a {@link Seeded} test its seed: {@code powercut.seed}, else seed 0 of its run. */
public final class SeededExtension implements ParameterResolver, TestExecutionExceptionHandler {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return forTest(context).supportsParameter(parameter, context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return forTest(context).resolveParameter(parameter, context);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    forTest(context).handleTestExecutionException(context, failure);
  }

  private static SeedExtension forTest(ExtensionContext context) {
    return new SeedExtension(SeedExtension.plan(context, 1).seed(0));
  }
}
