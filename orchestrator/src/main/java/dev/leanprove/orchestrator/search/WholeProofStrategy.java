package dev.leanprove.orchestrator.search;

import dev.leanprove.orchestrator.engine.Completion;
import dev.leanprove.orchestrator.engine.Prompt;
import dev.leanprove.orchestrator.engine.SamplingParams;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rounds of whole-proof samples until one is proved or the budget is spent; each round's
 * candidates are verified in parallel through lean-bridge's bounded pool.
 */
public final class WholeProofStrategy implements SearchStrategy {

  public static final String NAME = "whole-proof";

  private final int maxRounds;

  /** Rounds until proved or the budget is spent. */
  public WholeProofStrategy() {
    this(Integer.MAX_VALUE);
  }

  /** At most {@code maxRounds} rounds per call (one, when repair follows each round). */
  public WholeProofStrategy(int maxRounds) {
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1: " + maxRounds);
    }
    this.maxRounds = maxRounds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<StrategyOutcome> search(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> earlier) {
    return round(target, budget, ctx, new ArrayList<>(), 0);
  }

  private Future<StrategyOutcome> round(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> attempts,
      int done) {
    SearchSettings settings = ctx.settings();
    if (done == maxRounds) {
      return Future.succeededFuture(StrategyOutcome.of(attempts, ""));
    }
    if (ctx.cancellation().isCancelled()) {
      return Future.succeededFuture(StrategyOutcome.of(attempts, "cancelled"));
    }
    if (budget.exhausted()) {
      return Future.succeededFuture(StrategyOutcome.of(attempts, ""));
    }
    OptionalLong seed = SampleSeeds.next(settings, budget);
    int n = budget.reserveSamples(settings.samplesPerRound());
    if (n == 0) {
      return Future.succeededFuture(StrategyOutcome.of(attempts, ""));
    }
    Prompt prompt = settings.style().prompt(ctx.prompts(), target.task());
    String promptId = settings.style().templateId();
    int maxTokens = (int) Math.max(1, Math.min(settings.maxTokens(), budget.remainingTokens()));
    SamplingParams params =
        new SamplingParams(n, settings.temperature(), settings.topP(), maxTokens, seed, List.of());
    ctx.events().accept(new SearchEvent.AttemptStarted(target.name(), NAME, ctx.engine().name(), n));
    long start = System.nanoTime();
    return SamplingRound.sample(ctx.engine(), prompt, params, budget, ctx)
        .compose(
            completions -> {
              long generationMillis = (System.nanoTime() - start) / 1_000_000;
              budget.spendTokens(completions.stream().mapToLong(Completion::completionTokens).sum());
              List<Future<Attempt>> judged = new ArrayList<>();
              for (Completion c : completions) {
                judged.add(CandidateJudge.judge(target, c, NAME, promptId, generationMillis, "", ctx));
              }
              return Future.all(judged).map(all -> all.<Attempt>list());
            })
        .compose(
            judged -> {
              attempts.addAll(judged);
              if (judged.stream().anyMatch(Attempt::proved)) {
                return Future.succeededFuture(StrategyOutcome.of(attempts, ""));
              }
              return round(target, budget, ctx, attempts, done + 1);
            },
            failure -> {
              if (SamplingRound.spoilsOnlyThisRequest(failure)) {
                // One garbled answer: the round's samples are spent and lost, the search goes on.
                return round(target, budget, ctx, attempts, done + 1);
              }
              return Future.succeededFuture(SamplingRound.isUnreachable(failure)
                  ? StrategyOutcome.unreachable(attempts, SamplingRound.stopReason(failure))
                  : StrategyOutcome.of(attempts, SamplingRound.stopReason(failure)));
            });
  }
}
