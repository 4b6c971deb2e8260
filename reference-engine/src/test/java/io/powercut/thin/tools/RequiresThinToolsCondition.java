package io.powercut.thin.tools;

import io.powercut.property.junit.RequiresExecutablesCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresThinTools}: skip visibly, or fail where the tools are required. */
public final class RequiresThinToolsCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresThinTools> req =
        AnnotationSupport.findAnnotation(context.getElement(), RequiresThinTools.class);
    if (req.isEmpty()) {
      return ConditionEvaluationResult.enabled("no thin tools needed");
    }
    List<String> missing = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (ToolsGeneration g : req.get().value()) {
      if (!g.available()) {
        missing.add(g.missingReason());
        continue;
      }
      for (ThinTool tool : req.get().tools()) {
        if (g.find(tool).isEmpty()) {
          missing.add(
              tool
                  + " of "
                  + g
                  + " ("
                  + g.version().orElseThrow()
                  + ", in "
                  + g.found().orElseThrow().dir()
                  + "); get it with: "
                  + g.howToGet());
        }
      }
      String version = g.version().orElseThrow();
      String exact = req.get().exactVersion();
      if (!exact.isEmpty() && !exact.equals(version)) {
        String reason =
            "needs thin-provisioning-tools "
                + exact
                + " exactly, found "
                + version
                + " in "
                + g.found().orElseThrow().dir();
        System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
      }
      found.add(g + " = " + version);
    }
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("found " + String.join(", ", found));
    }
    return RequiresExecutablesCondition.skipOrFail(
        context, String.join("; ", missing), req.get().requiredBy());
  }
}
