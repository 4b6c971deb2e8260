package io.powercut.property.junit;

import io.powercut.property.Executables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresExecutables}: skip visibly, or fail where the programs are required. */
public final class RequiresExecutablesCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresExecutables> req =
        AnnotationSupport.findAnnotation(context.getElement(), RequiresExecutables.class);
    if (req.isEmpty()) {
      return ConditionEvaluationResult.enabled("no external programs needed");
    }
    List<String> missing = new ArrayList<>();
    for (String name : req.get().value()) {
      if (Executables.find(name).isEmpty()) {
        missing.add(name);
      }
    }
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("found " + String.join(", ", req.get().value()));
    }
    String reason =
        "missing "
            + String.join(", ", missing)
            + (req.get().install().isEmpty() ? "" : " (" + req.get().install() + ")");
    return skipOrFail(context, reason, req.get().requiredBy());
  }

  /**
   * Skips the test visibly (printing {@code reason}), or fails it when the environment variable
   * {@code requiredBy} is set (to anything but {@code 0}). For conditions of other modules that
   * need programs found some other way.
   */
  public static ConditionEvaluationResult skipOrFail(
      ExtensionContext context, String reason, String requiredBy) {
    if (required(requiredBy)) {
      throw new ExtensionConfigurationException(
          reason + ", and " + requiredBy + " is set, which forbids skipping this test");
    }
    System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  /** Whether the environment variable {@code name} is set to anything but empty or {@code 0}. */
  public static boolean required(String name) {
    String v = System.getenv(name);
    return v != null && !v.isEmpty() && !v.equals("0");
  }
}
