package io.powercut.property.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs external programs (such as the real thin-provisioning-tools). Where one is
 * missing the test is skipped with a reason that names it and how to install it, unless the
 * environment variable named by {@link #requiredBy()} is set (to anything but {@code 0}): then (as
 * in CI) a missing program fails the test, so nothing is skipped silently.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresExecutablesCondition.class)
public @interface RequiresExecutables {
  /** Program names looked up on the PATH (and in /usr/sbin, /sbin). */
  String[] value();

  /** What to tell a user who lacks them. */
  String install() default "";

  /** Environment variable that turns a missing program from a skip into a failure. */
  String requiredBy() default "POWERCUT_REQUIRE_THIN_TOOLS";
}
