package io.powercut.property.junit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The test method a {@link Property} runs in, found on the call stack, so that its failures can
 * name a reproduce command and its default seeds can be named after it.
 *
 * @param testClass the class declaring {@code method}
 * @param method the method name
 */
record TestLocation(Class<?> testClass, String method) {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  /** The location of the test method running in {@code context}. */
  static TestLocation of(ExtensionContext context) {
    return new TestLocation(
        context.getRequiredTestClass(), context.getRequiredTestMethod().getName());
  }

  /**
   * The class name as Surefire's {@code -Dtest} matches it: the simple name for a top-level class,
   * {@code Outer$Inner} for a nested one (whose simple name alone matches nothing).
   */
  String className() {
    String binaryName = testClass.getName();
    // Also right in the unnamed package, where there is no dot.
    return binaryName.substring(binaryName.lastIndexOf('.') + 1);
  }

  /** {@code ClassName#method}, which also names the default seeds. */
  String name() {
    return className() + "#" + method;
  }

  /** The line that re-runs only {@code seed} of this test in {@code module}. */
  String reproduceLine(String module, long seed) {
    return ReproduceLine.of(module, className(), method, seed);
  }

  /**
   * The innermost caller that is a test method (any JUnit Platform {@code @Testable} annotation,
   * such as {@code @Test} or {@code @PropertyTest}); failing that, the method that called into
   * {@code api}, for properties run outside a test.
   */
  static TestLocation ofCaller(Class<?> api) {
    List<StackWalker.StackFrame> stack = WALKER.walk(frames -> frames.collect(Collectors.toList()));
    StackWalker.StackFrame frame =
        stack.stream()
            .filter(TestLocation::isTestMethod)
            .findFirst()
            .orElseGet(
                () ->
                    stack.stream()
                        .filter(f -> f.getDeclaringClass() != TestLocation.class)
                        .filter(f -> f.getDeclaringClass() != api)
                        .findFirst()
                        .orElseThrow());
    return new TestLocation(frame.getDeclaringClass(), frame.getMethodName());
  }

  private static boolean isTestMethod(StackWalker.StackFrame frame) {
    Class<?>[] parameters = frame.getMethodType().parameterArray();
    for (Method m : frame.getDeclaringClass().getDeclaredMethods()) {
      if (m.getName().equals(frame.getMethodName())
          && Arrays.equals(m.getParameterTypes(), parameters)
          && AnnotationSupport.isAnnotated(m, Testable.class)) {
        return true;
      }
    }
    return false;
  }
}
