package io.powercut.checker.thinvolume;

import io.powercut.checker.Model;
import io.powercut.checker.Outcome;
import java.util.List;

/**
 * The engine's own model, told only the engine's operations: what the pool's administrator does
 * underneath changes nothing the engine promised, so it must succeed (or fail on an injected IO
 * error) and leaves the promise as it was.
 */
final class StackModel<O, S> implements Model<StackOp<O>, S> {
  private final Model<O, S> above;
  private boolean lastWasAbove;

  StackModel(Model<O, S> above) {
    this.above = above;
  }

  @Override
  public String apply(StackOp<O> op, Outcome outcome) {
    lastWasAbove = op instanceof StackOp.Above;
    if (op instanceof StackOp.Above<O> a) {
      return above.apply(a.op(), outcome);
    }
    return outcome.isOk() || outcome.kind() == Outcome.Kind.FAILED
        ? null
        : "expected ok, got " + outcome;
  }

  @Override
  public S committed() {
    return above.committed();
  }

  @Override
  public List<S> allowedDuring(S before) {
    return lastWasAbove ? above.allowedDuring(before) : List.of(above.committed());
  }

  @Override
  public String diff(S expected, S recovered) {
    return above.diff(expected, recovered);
  }
}
