package io.powercut.thin.tools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs generations of the real thin-provisioning-tools, found by version (see {@link
 * ToolsGeneration}). Where one is missing the test is skipped with a reason naming the version and
 * how to get it ({@code bash .ci/thin-tools-1.1} for 1.1), unless {@code
 * POWERCUT_REQUIRE_THIN_TOOLS} is set (as in CI): then it fails. With {@link #exactVersion} the
 * installed version must also be exactly that one (as for findings made with it), or the test is
 * skipped, visibly, whatever the environment: another version is another subject, not a missing
 * tool.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresThinToolsCondition.class)
public @interface RequiresThinTools {
  /** The generations needed. */
  ToolsGeneration[] value();

  /** The tools needed of each (thin_check is always needed: it tells the version). */
  ThinTool[] tools() default {ThinTool.THIN_CHECK, ThinTool.THIN_DUMP, ThinTool.THIN_RESTORE};

  /** If not empty, the exact version each generation must print ("0.9.0"). */
  String exactVersion() default "";

  /** Environment variable that turns a missing generation from a skip into a failure. */
  String requiredBy() default "POWERCUT_REQUIRE_THIN_TOOLS";
}
