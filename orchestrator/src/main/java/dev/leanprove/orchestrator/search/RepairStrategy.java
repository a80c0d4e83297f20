package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.engine.Completion;
import dev.leanprove.orchestrator.engine.Prompt;
import dev.leanprove.orchestrator.engine.SamplingParams;
import dev.leanprove.orchestrator.prompt.LeanError;
import dev.leanprove.orchestrator.prompt.RepairFeedback;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Goedel-Prover-V2's self-correction: a candidate Lean rejected goes back to the model with its
 * errors (at most 8, each in context with the span marked {@code <error></error>}) as the next
 * chat turn, for a few rounds; a repair that fails again is repaired in the next round.
 */
public final class RepairStrategy implements SearchStrategy {

  public static final String NAME = "repair";

  /** Failed candidates repaired per round; the most recent ones, which saw the most context. */
  static final int MAX_CANDIDATES_PER_ROUND = 4;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<StrategyOutcome> search(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> earlier) {
    Map<String, Prompt> promptOf = new HashMap<>();
    // Whole proofs nobody has repaired yet: a repeated pass must not repair the same candidate twice.
    java.util.Set<String> repaired = new java.util.HashSet<>();
    earlier.forEach(a -> repaired.add(a.parent()));
    List<Attempt> fresh = earlier.stream()
        .filter(a -> a.strategy().equals(WholeProofStrategy.NAME) && !repaired.contains(a.id()))
        .collect(java.util.stream.Collectors.toList());
    List<Attempt> firstRound = repairable(fresh, ctx);
    for (Attempt a : firstRound) {
      // The prompt that produced it: rebuilt from the template, as the model saw it.
      promptOf.put(a.id(), PromptStyle.ofTemplate(a.promptId()).prompt(ctx.prompts(), target.task()));
    }
    return round(target, budget, ctx, firstRound, promptOf, 1, new ArrayList<>());
  }

  private Future<StrategyOutcome> round(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> failed,
      Map<String, Prompt> promptOf, int round, List<Attempt> attempts) {
    if (round > ctx.settings().repairRounds() || failed.isEmpty()) {
      return Future.succeededFuture(StrategyOutcome.of(attempts, ""));
    }
    List<Future<List<Attempt>>> repairs = new ArrayList<>();
    for (Attempt candidate : failed) {
      if (ctx.cancellation().isCancelled()) {
        break;
      }
      OptionalLong seed = SampleSeeds.next(ctx.settings(), budget);
      int n = budget.reserveSamples(ctx.settings().repairsPerCandidate());
      if (n == 0) {
        break;
      }
      repairs.add(repair(target, budget, ctx, candidate, promptOf, n, seed));
    }
    if (repairs.isEmpty()) {
      return Future.succeededFuture(StrategyOutcome.of(attempts, ctx.cancellation().isCancelled() ? "cancelled" : ""));
    }
    return Future.join(repairs)
        .transform(all -> {
          List<Attempt> thisRound = new ArrayList<>();
          for (Future<List<Attempt>> f : repairs) {
            if (f.succeeded()) {
              thisRound.addAll(f.result());
            }
          }
          attempts.addAll(thisRound);
          if (thisRound.stream().anyMatch(Attempt::proved)) {
            return Future.succeededFuture(StrategyOutcome.of(attempts, ""));
          }
          Throwable failure = repairs.stream().filter(Future::failed).map(Future::cause)
              .filter(cause -> !SamplingRound.spoilsOnlyThisRequest(cause)).findFirst().orElse(null);
          if (failure != null && thisRound.isEmpty()) {
            return Future.succeededFuture(StrategyOutcome.of(attempts, "repair request failed: " + failure.getMessage()));
          }
          return round(target, budget, ctx, repairable(thisRound, ctx), promptOf, round + 1, attempts);
        });
  }

  private Future<List<Attempt>> repair(ProofTarget target, BudgetTracker budget, SearchContext ctx, Attempt candidate,
      Map<String, Prompt> promptOf, int n, OptionalLong seed) {
    PromptStyle style = PromptStyle.ofTemplate(candidate.promptId());
    RepairFeedback feedback = RepairFeedback.of(candidate.checkedText(), errors(candidate));
    Prompt prompt = style.repair(ctx.prompts(), promptOf.get(candidate.id()), target.task(), candidate.rawOutput(), feedback);
    SearchSettings s = ctx.settings();
    int maxTokens = (int) Math.max(1, Math.min(s.maxTokens(), budget.remainingTokens()));
    SamplingParams params = new SamplingParams(n, s.temperature(), s.topP(), maxTokens, seed, List.of());
    ctx.events().accept(new SearchEvent.AttemptStarted(target.name(), NAME, ctx.engine().name(), n));
    long start = System.nanoTime();
    return SamplingRound.sample(ctx.engine(), prompt, params, budget, ctx).compose(completions -> {
      long generationMillis = (System.nanoTime() - start) / 1_000_000;
      budget.spendTokens(completions.stream().mapToLong(Completion::completionTokens).sum());
      List<Future<Attempt>> judged = new ArrayList<>();
      for (Completion c : completions) {
        judged.add(CandidateJudge.judge(target, c, NAME, style.repairTemplateId(), generationMillis, candidate.id(), ctx)
            .onSuccess(a -> promptOf.put(a.id(), prompt)));
      }
      return Future.all(judged).map(all -> all.<Attempt>list());
    });
  }

  /** Candidates worth repairing: Lean ran and said where it went wrong. */
  private static List<Attempt> repairable(List<Attempt> attempts, SearchContext ctx) {
    List<Attempt> out = new ArrayList<>();
    for (int i = attempts.size() - 1; i >= 0 && out.size() < MAX_CANDIDATES_PER_ROUND; i--) {
      Attempt a = attempts.get(i);
      boolean fromModel = a.strategy().equals(WholeProofStrategy.NAME) || a.strategy().equals(NAME);
      boolean located = a.messages().stream().anyMatch(m -> m.isError() && m.position().isPresent());
      if (fromModel && a.verdict() == ReasonCode.LEAN_ERROR && !a.checkedText().isEmpty() && located
          && !a.rawOutput().isEmpty()) {
        out.add(a);
      }
    }
    return out;
  }

  private static List<LeanError> errors(Attempt a) {
    List<LeanError> errors = new ArrayList<>();
    for (LeanMessage m : a.messages()) {
      if (m.isError() && m.position().isPresent()) {
        errors.add(LeanError.of(m));
      }
    }
    return errors;
  }
}
