package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.verdict.ReasonCode;
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
    String statement = target.declaration().statement();
    String proof = portfolio.combined(statement);
    ctx.events().accept(new SearchEvent.AttemptStarted(target.name(), NAME, portfolio.name(), 0));
    return CandidateJudge.judgeProof(target, proof, NAME, ctx.settings().portfolioTimeout(), ctx)
        .compose(a -> a.verdict() == ReasonCode.PROVED && ctx.checker().warm()
            ? minimise(target, portfolio.tactics(statement), 0, a, ctx)
            : Future.succeededFuture(a))
        .map(a -> StrategyOutcome.of(List.of(a), ""));
  }

  /**
   * The single alternative that proves the theorem, tried one by one in {@code first}'s order (so it is
   * the one {@code first} picked), instead of the whole block: what the user gets inserted. Only with a
   * warm Lean, where each try costs the tactic alone; the block's proof stands when no single one is proved.
   */
  private static Future<Attempt> minimise(ProofTarget target, List<String> tactics, int next, Attempt block,
      SearchContext ctx) {
    if (next >= tactics.size() || ctx.cancellation().isCancelled()) {
      return Future.succeededFuture(block);
    }
    return CandidateJudge.judgeProof(target, "by\n  " + tactics.get(next), NAME, ctx.settings().portfolioTimeout(), ctx)
        .compose(single -> single.verdict() == ReasonCode.PROVED
            ? Future.succeededFuture(single)
            : minimise(target, tactics, next + 1, block, ctx));
  }
}
