/**
 * Seeded generation and shrinking for powercut, free of any test framework so that the engine and
 * the CLI can use it: {@link io.powercut.property.Seeds} (per-trial seeds and their one textual
 * form), generators ({@link io.powercut.property.Gens}) that draw only from the {@link
 * java.util.SplittableRandom} they are given, so a seed fully determines a case, delta-debugging
 * shrinkers ({@link io.powercut.property.Shrinker}) and the lookup of external programs ({@link
 * io.powercut.property.Executables}). The JUnit extensions that run many seeds and print reproduce
 * lines are in {@code io.powercut.property.junit} (module {@code property-junit}, test scope only).
 */
package io.powercut.property;
