package dev.leanprove.orchestrator.search;

import dev.leanprove.orchestrator.engine.PortfolioEngine;
import io.vertx.core.Future;
import java.util.List;

/** The model-free first try: standard closing tactics as one {@code first | …} proof, one Lean run. */
public final class PortfolioStrategy implements SearchStrategy {

  public static final String NAME = "portfolio";

  private final PortfolioEngine portfolio = new PortfolioEngine();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<StrategyOutcome> search(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> earlier) {
    if (ctx.cancellation().isCancelled()) {
      return Future.succeededFuture(StrategyOutcome.of(List.of(), "cancelled"));
    }
    if (budget.timeLeft().isZero()) {
      return Future.succeededFuture(StrategyOutcome.of(List.of(), "no time left"));
    }
    String proof = portfolio.combined(target.declaration().statement());
    ctx.events().accept(new SearchEvent.AttemptStarted(target.name(), NAME, portfolio.name(), 0));
    return CandidateJudge.judgeProof(target, proof, NAME, ctx.settings().portfolioTimeout(), ctx)
        .map(a -> StrategyOutcome.of(List.of(a), ""));
  }
}
