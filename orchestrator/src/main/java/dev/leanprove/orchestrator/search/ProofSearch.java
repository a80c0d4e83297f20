package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the strategies for one theorem in order until one proves it or the budget is spent. */
public final class ProofSearch {

  private final List<SearchStrategy> strategies;

  public ProofSearch(List<SearchStrategy> strategies) {
    if (strategies.isEmpty()) {
      throw new IllegalArgumentException("a proof search needs at least one strategy");
    }
    this.strategies = List.copyOf(strategies);
  }

  public Future<TheoremResult> prove(ProofTarget target, BudgetTracker budget, SearchContext ctx) {
    long start = System.nanoTime();
    return run(target, budget, ctx, 0, new ArrayList<>(), new ArrayList<>(), false, new ArrayList<>())
        .map(outcome -> result(target, budget, outcome, (System.nanoTime() - start) / 1_000_000));
  }

  private Future<Progress> run(ProofTarget target, BudgetTracker budget, SearchContext ctx, int index,
      List<Attempt> attempts, List<String> stopReasons, boolean unreachable, List<Decomposition> decompositions) {
    if (index == strategies.size()) {
      return Future.succeededFuture(new Progress(Optional.empty(), attempts, stopReasons, unreachable, decompositions));
    }
    return strategies.get(index).search(target, budget, ctx, List.copyOf(attempts)).compose(outcome -> {
      attempts.addAll(outcome.attempts());
      decompositions.addAll(outcome.decompositions());
      if (!outcome.stopReason().isEmpty()) {
        stopReasons.add(outcome.stopReason());
      }
      boolean down = unreachable || outcome.modelUnreachable();
      if (outcome.proof().isPresent()) {
        return Future.succeededFuture(new Progress(outcome.proof(), attempts, stopReasons, down, decompositions));
      }
      if (down) {
        // No strategy after this one can reach the model either.
        return Future.succeededFuture(new Progress(Optional.empty(), attempts, stopReasons, true, decompositions));
      }
      return run(target, budget, ctx, index + 1, attempts, stopReasons, down, decompositions);
    });
  }

  private static TheoremResult result(ProofTarget target, BudgetTracker budget, Progress p, long wallMillis) {
    if (p.proof().isPresent()) {
      Attempt a = p.proof().get();
      return new TheoremResult(target.name(), ReasonCode.PROVED, Optional.of(a.proof()), a.auxiliary(), "proved by " + a.strategy(),
          p.attempts(), budget.samplesSpent(), budget.tokensSpent(), wallMillis, false, p.decompositions());
    }
    String detail = !p.stopReasons().isEmpty()
        ? String.join("; ", p.stopReasons())
        : "not proved within the budget (" + p.attempts().size() + (p.attempts().size() == 1 ? " attempt)" : " attempts)");
    return new TheoremResult(target.name(), failureCode(p), Optional.empty(), "", detail, p.attempts(),
        budget.samplesSpent(), budget.tokensSpent(), wallMillis, p.modelUnreachable(), p.decompositions());
  }

  /**
   * The code that best explains a failure: the last proof-related verdict; an infrastructure code
   * only when nothing else happened, so a flaky machine does not hide what the proofs did.
   */
  private static ReasonCode failureCode(Progress p) {
    ReasonCode code = null;
    for (Attempt a : p.attempts()) {
      if (!a.verdict().isInfrastructure() || code == null) {
        code = a.verdict();
      }
    }
    if (code == null) {
      // Not a single candidate: the model was unreachable or the budget allowed nothing.
      return ReasonCode.SYSTEM_ERROR;
    }
    return code;
  }

  private record Progress(Optional<Attempt> proof, List<Attempt> attempts, List<String> stopReasons, boolean modelUnreachable,
      List<Decomposition> decompositions) {}
}
