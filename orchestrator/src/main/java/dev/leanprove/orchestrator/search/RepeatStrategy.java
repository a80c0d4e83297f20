package dev.leanprove.orchestrator.search;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs its steps over and over (one whole-proof round, then repairs of that round's failures)
 * until one proves the theorem, the budget is spent, a step gives up, or a pass makes no attempt.
 */
public final class RepeatStrategy implements SearchStrategy {

  private final String name;
  private final List<SearchStrategy> steps;

  public RepeatStrategy(String name, List<SearchStrategy> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("nothing to repeat");
    }
    this.name = name;
    this.steps = List.copyOf(steps);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<StrategyOutcome> search(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> earlier) {
    return pass(target, budget, ctx, earlier, new ArrayList<>());
  }

  private Future<StrategyOutcome> pass(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> earlier,
      List<Attempt> attempts) {
    int before = attempts.size();
    int samplesBefore = budget.samplesSpent();
    return step(target, budget, ctx, earlier, attempts, 0).compose(stop -> {
      boolean proved = attempts.stream().anyMatch(Attempt::proved);
      // A pass that spent samples made progress even without attempts (a malformed answer yields none).
      boolean idle = attempts.size() == before && budget.samplesSpent() == samplesBefore;
      if (proved || stop.isPresent() || budget.exhausted() || ctx.cancellation().isCancelled() || idle) {
        StrategyOutcome outcome = StrategyOutcome.of(attempts, stop.map(StrategyOutcome::stopReason).orElse(""));
        return Future.succeededFuture(stop.map(s -> new StrategyOutcome(outcome.proof(), attempts, s.stopReason(),
            s.modelUnreachable(), List.of())).orElse(outcome));
      }
      return pass(target, budget, ctx, earlier, attempts);
    });
  }

  /** Runs the steps in order; the outcome that stopped early, if one did. */
  private Future<java.util.Optional<StrategyOutcome>> step(ProofTarget target, BudgetTracker budget, SearchContext ctx,
      List<Attempt> earlier, List<Attempt> attempts, int index) {
    if (index == steps.size()) {
      return Future.succeededFuture(java.util.Optional.empty());
    }
    List<Attempt> seen = new ArrayList<>(earlier);
    seen.addAll(attempts);
    return steps.get(index).search(target, budget, ctx, seen).compose(outcome -> {
      attempts.addAll(outcome.attempts());
      if (!outcome.stopReason().isEmpty() || outcome.proof().isPresent()) {
        return Future.succeededFuture(outcome.stopReason().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(outcome));
      }
      return step(target, budget, ctx, earlier, attempts, index + 1);
    });
  }
}
