package dev.leanprove.orchestrator.search;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** Runs a strategy on a share of what is left, keeping the rest for the strategies after it. */
public final class BudgetShareStrategy implements SearchStrategy {

  private final SearchStrategy inner;
  private final double share;

  public BudgetShareStrategy(SearchStrategy inner, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1]: " + share);
    }
    this.inner = inner;
    this.share = share;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Future<StrategyOutcome> search(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> earlier) {
    Budget cap = new Budget(
        (int) Math.max(1, Math.ceil(budget.remainingSamples() * share)),
        (long) Math.max(1, Math.ceil(budget.remainingTokens() * share)),
        Duration.ofMillis(Math.max(1, (long) (budget.timeLeft().toMillis() * share))));
    return inner.search(target, budget.child(cap), ctx, earlier);
  }
}
