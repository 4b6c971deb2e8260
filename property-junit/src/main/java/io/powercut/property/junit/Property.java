package io.powercut.property.junit;

import io.powercut.property.Gen;
import io.powercut.property.Seeds;
import io.powercut.property.ShrinkResult;
import io.powercut.property.ShrinkStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Checks a property against many generated cases, shrinks the first failing case and reports it
 * with a reproduce line:
 *
 * <pre>{@code
 * Property.forAll(Gens.listOf(ops, 0, 200))
 *     .seeds(500)
 *     .check(ops -> assertEquals(model(ops), engine(ops)));
 * }</pre>
 *
 * <p>Trial {@code i} generates its case from {@code new SplittableRandom(Seeds.derive(base, i))}.
 * The base seed defaults to {@link Seeds#fromName} of the calling test's {@code Class#method}, so
 * runs are reproducible. The settings {@code powercut.seed} (run one seed), {@code powercut.seeds}
 * and {@code powercut.baseSeed} (system properties) override the coded values, as for {@link
 * PropertyTest}; do not nest a {@code Property} inside a {@code @PropertyTest}, since both would
 * obey {@code powercut.seed}.
 *
 * <p>Cases that are {@link List}s shrink with {@link ShrinkStrategy#ddmin()} unless {@link
 * #shrinkWith} says otherwise; other cases are reported unshrunk. A generator typed with a concrete
 * list class must pass a strategy of its own, since ddmin builds plain lists. Instances are
 * immutable: each setter returns a copy.
 *
 * @param <T> the type of generated cases
 */
public final class Property<T> {
  static final int DEFAULT_SEEDS = 100;
  static final int DEFAULT_SHRINK_BUDGET = 500;
  private static final int MAX_CASE_CHARS = 1000;

  private final Gen<T> gen;
  private final int seeds;
  private final Long baseSeed;
  private final ShrinkStrategy<T> strategy;
  private final int shrinkBudget;
  private final Function<String, String> settings;

  private Property(
      Gen<T> gen,
      int seeds,
      Long baseSeed,
      ShrinkStrategy<T> strategy,
      int shrinkBudget,
      Function<String, String> settings) {
    this.gen = gen;
    this.seeds = seeds;
    this.baseSeed = baseSeed;
    this.strategy = strategy;
    this.shrinkBudget = shrinkBudget;
    this.settings = settings;
  }

  /** A property over the cases {@code gen} generates, with default settings. */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(
        gen, DEFAULT_SEEDS, null, null, DEFAULT_SHRINK_BUDGET, System::getProperty);
  }

  /** Runs {@code n} seeds (default 100). */
  public Property<T> seeds(int n) {
    return new Property<>(
        gen, SeedPlan.checkCount("seeds", n), baseSeed, strategy, shrinkBudget, settings);
  }

  /** Derives the seeds from {@code base} instead of from the calling test's name. */
  public Property<T> baseSeed(long base) {
    return new Property<>(gen, seeds, base, strategy, shrinkBudget, settings);
  }

  /** Shrinks failing cases with {@code shrink} instead of the default. */
  public Property<T> shrinkWith(ShrinkStrategy<T> shrink) {
    return new Property<>(gen, seeds, baseSeed, shrink, shrinkBudget, settings);
  }

  /** Allows shrinking at most {@code calls} re-runs of the check (default 500). */
  public Property<T> shrinkBudget(int calls) {
    if (calls < 0) {
      throw new IllegalArgumentException("shrinkBudget must not be negative, got " + calls);
    }
    return new Property<>(gen, seeds, baseSeed, strategy, calls, settings);
  }

  /** Reads the {@code powercut.*} settings from {@code lookup} instead of system properties. */
  Property<T> settings(Function<String, String> lookup) {
    return new Property<>(gen, seeds, baseSeed, strategy, shrinkBudget, lookup);
  }

  /**
   * Checks that {@code property} holds for every case.
   *
   * @throws PropertyFailure for the first case where it returned {@code false} or threw
   */
  // Overloaded on purpose so that both predicates and assertion blocks read as check(...).
  @SuppressWarnings("overloads")
  public void check(Predicate<? super T> property) {
    checkThrowing(
        value -> {
          if (!property.test(value)) {
            throw new AssertionError("property returned false");
          }
        });
  }

  /**
   * Checks that {@code property} completes normally for every case. Anything it throws, assertion
   * or not, is a failure and becomes the reported cause.
   *
   * <p>A lambda whose body is a call returning {@code boolean}, or a block that only throws, fits
   * both overloads and does not compile: write it as a block that can complete normally to pick
   * this one, or declare its parameter type, {@code (List<Op> ops) -> engine.accepts(ops)}, to pick
   * the predicate.
   *
   * @throws PropertyFailure for the first case where it threw
   */
  public void check(ThrowingConsumer<? super T> property) {
    checkThrowing(property);
  }

  private void checkThrowing(ThrowingConsumer<? super T> property) {
    TestLocation location = TestLocation.ofCaller(Property.class);
    long base = baseSeed != null ? baseSeed : Seeds.fromName(location.name());
    SeedPlan plan = SeedPlan.resolve(seeds, base, settings);
    for (int trial = 0; trial < plan.size(); trial++) {
      long seed = plan.seed(trial);
      T value = gen.next(new SplittableRandom(seed));
      Optional<Throwable> failure = failureOf(property, value);
      if (failure.isPresent()) {
        throw shrinkAndReport(property, location, plan, trial, seed, value, failure.get());
      }
    }
  }

  private PropertyFailure shrinkAndReport(
      ThrowingConsumer<? super T> property,
      TestLocation location,
      SeedPlan plan,
      int trial,
      long seed,
      T original,
      Throwable originalFailure) {
    ShrinkResult<T> shrunk =
        strategyFor(original)
            .shrink(original, c -> failureOf(property, c).isPresent(), shrinkBudget);
    // Run the shrunk case once more so the reported cause is its own, not the original's.
    Optional<Throwable> shrunkFailure =
        shrunk.value() == original
            ? Optional.of(originalFailure)
            : failureOf(property, shrunk.value());
    String reproduce = location.reproduceLine(ReproduceLine.module(settings), seed);
    StringBuilder message = new StringBuilder();
    message
        .append("property failed on seed ")
        .append(Seeds.format(seed))
        .append(" (trial ")
        .append(trial + 1)
        .append(" of ")
        .append(plan.size())
        .append(")\n  original: ")
        .append(describe(original))
        .append("\n  shrunk:   ")
        .append(describe(shrunk.value()))
        .append("\n            ")
        .append(costOf(shrunk))
        .append("\n  cause:    ")
        .append(truncate(shrunkFailure.orElse(originalFailure).toString()));
    if (shrunkFailure.isEmpty()) {
      message.append(
          "\n  note:     the shrunk case passed when run again, so the check is not"
              + " deterministic; the cause is the original case's");
    }
    message.append('\n').append(reproduce);
    return new PropertyFailure(
        message.toString(),
        shrunkFailure.orElse(originalFailure),
        seed,
        original,
        shrunk.value(),
        reproduce);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private ShrinkStrategy<T> strategyFor(T value) {
    if (strategy != null) {
      return strategy;
    }
    if (value instanceof List) {
      // T is a List type here, and ddmin's candidates are Lists of the same elements.
      return (ShrinkStrategy<T>) (ShrinkStrategy) ShrinkStrategy.ddmin();
    }
    return ShrinkStrategy.none();
  }

  private static <T> Optional<Throwable> failureOf(ThrowingConsumer<? super T> property, T value) {
    try {
      property.accept(value);
      return Optional.empty();
    } catch (Throwable t) { // every throwable falsifies the property and is reported as its cause
      return Optional.of(t);
    }
  }

  private static String costOf(ShrinkResult<?> result) {
    String cost =
        "(" + result.steps() + " shrink steps, " + result.calls() + " re-runs of the check";
    return result.budgetExhausted() ? cost + "; budget exhausted, may not be minimal)" : cost + ")";
  }

  /** {@code toString}, but arrays show their elements (deepToString handles every array type). */
  static String describe(Object value) {
    String wrapped = Arrays.deepToString(new Object[] {value});
    return truncate(wrapped.substring(1, wrapped.length() - 1));
  }

  private static String truncate(String s) {
    if (s.length() <= MAX_CASE_CHARS) {
      return s;
    }
    return s.substring(0, MAX_CASE_CHARS) + "... (" + s.length() + " chars in all)";
  }
}
