package io.powercut.property.junit;

import io.powercut.property.Seeds;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs a {@link PropertyTest} method once per seed of its {@link SeedPlan}. */
public final class PropertyTestExtension implements TestTemplateInvocationContextProvider {

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return AnnotationSupport.isAnnotated(context.getTestMethod(), PropertyTest.class);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    int seeds =
        AnnotationSupport.findAnnotation(context.getTestMethod(), PropertyTest.class)
            .orElseThrow()
            .seeds();
    SeedPlan plan = SeedExtension.plan(context, SeedPlan.checkCount("@PropertyTest seeds", seeds));
    // Lazy, so that a long campaign does not build all its invocations up front.
    return IntStream.range(0, plan.size()).mapToObj(i -> invocation(plan.seed(i)));
  }

  private static TestTemplateInvocationContext invocation(long seed) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + invocationIndex + "] seed=" + Seeds.format(seed);
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new SeedExtension(seed));
      }
    };
  }
}
