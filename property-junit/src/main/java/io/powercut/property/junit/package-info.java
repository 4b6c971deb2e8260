/**
 * The JUnit face of {@link io.powercut.property}: many-seed runs, {@code @RequiresExecutables}, and
 * extensions whose every failure prints a command that re-runs exactly the failing seed. Test scope
 * only, so that JUnit never reaches a production classpath.
 *
 * <h2>Writing a property test</h2>
 *
 * <p>Either let JUnit run one invocation per seed and draw from the seed yourself:
 *
 * <pre>{@code
 * @PropertyTest(seeds = 200)
 * void recoversAfterPowerLoss(long seed) {
 *   List<Op> ops = OPS.next(new SplittableRandom(seed)); // or take a SplittableRandom parameter
 *   ...
 * }
 * }</pre>
 *
 * <p>or check a {@link io.powercut.property.junit.Property} inside a plain test, which also shrinks
 * the failing case ({@link io.powercut.property.Shrinker#ddmin ddmin} for lists) before reporting
 * it:
 *
 * <pre>{@code
 * @Test
 * void modelAgreesWithEngine() {
 *   Property.forAll(Gens.listOf(OPS, 0, 100)).seeds(500).check(ops -> {
 *     assertEquals(model.apply(ops), engine.apply(ops));
 *   });
 * }
 * }</pre>
 *
 * <p>A plain {@code @Test} that needs one seed takes it with {@link
 * io.powercut.property.junit.Seeded}. Generators ({@link io.powercut.property.Gens}) draw only from
 * the {@link java.util.SplittableRandom} they are given, so a seed fully determines a case.
 *
 * <h2>Reproducing a failure</h2>
 *
 * <p>Every failure prints, and attaches to the reported exception, a line such as
 *
 * <pre>
 * REPRODUCE: mvn -pl fault-device test -Dtest=TornWriteTest#survives -Dpowercut.seed=0x5c1161d78c790c17
 * </pre>
 *
 * <p>Run it from the repository root: it runs that test method once, with that seed only. Default
 * seeds are derived from {@code ClassName#method}, so CI runs are the same every time. The system
 * properties {@code -Dpowercut.seeds=N} and {@code -Dpowercut.baseSeed=B} run a longer or a
 * different campaign without a code change.
 */
package io.powercut.property.junit;
