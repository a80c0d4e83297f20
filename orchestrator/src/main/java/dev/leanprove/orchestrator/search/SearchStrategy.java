package dev.leanprove.orchestrator.search;

import io.vertx.core.Future;
import java.util.List;

/** One way of looking for a proof (portfolio, whole proofs, repair, decomposition). */
public interface SearchStrategy {

  /** The name recorded in each attempt. */
  String name();

  /**
   * Searches within what is left of the budget; never fails, a model fault ends the outcome early.
   *
   * @param earlier the attempts earlier strategies made for this target (repair works on them)
   */
  Future<StrategyOutcome> search(ProofTarget target, BudgetTracker budget, SearchContext context, List<Attempt> earlier);
}
