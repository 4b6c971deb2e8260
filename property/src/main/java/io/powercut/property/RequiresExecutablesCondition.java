package io.powercut.property;

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
    String required = System.getenv(req.get().requiredBy());
    if (required != null && !required.isEmpty() && !required.equals("0")) {
      throw new ExtensionConfigurationException(
          reason + ", and " + req.get().requiredBy() + " is set, which forbids skipping this test");
    }
    System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }
}
