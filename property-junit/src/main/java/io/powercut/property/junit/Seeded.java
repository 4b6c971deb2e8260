package io.powercut.property.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a plain {@code @Test} one seed, as a {@code long} (or {@link Long}) parameter or a {@link
 * java.util.SplittableRandom} seeded with it, and attaches a {@code REPRODUCE:} line to its
 * failures. The seed is {@code powercut.seed} when set, otherwise seed 0 of the run a {@link
 * PropertyTest} on the same method would make (so {@code powercut.baseSeed} applies too).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SeededExtension.class)
public @interface Seeded {}
