package io.powercut.property.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method once per derived seed, passing the seed as a {@code long} (or {@link
 * Long}) parameter, or a {@link java.util.SplittableRandom} seeded with it. Invocations are named
 * {@code [i] seed=0x...}; a failing one prints its {@code REPRODUCE:} line to stderr and attaches
 * it to the failure.
 *
 * <p>Seed {@code i} is {@code Seeds.derive(base, i)}, where the base is {@code
 * Seeds.fromName("ClassName#method")} ({@code Outer$Inner} for a nested class). Settings (system
 * properties or JUnit configuration parameters): {@code powercut.seed} runs only that seed, once;
 * {@code powercut.seeds} overrides {@link #seeds()}; {@code powercut.baseSeed} overrides the base.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(PropertyTestExtension.class)
public @interface PropertyTest {
  /** How many seeds to run. */
  int seeds() default 100;
}
