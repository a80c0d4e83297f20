package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.source.Composition;
import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.ProofComposer;
import dev.leanprove.leanbridge.source.Sketch;
import dev.leanprove.leanbridge.source.Subgoal;
import dev.leanprove.leanbridge.source.SubgoalExtraction;
import dev.leanprove.leanbridge.source.SubgoalExtractor;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.engine.Completion;
import dev.leanprove.orchestrator.engine.SamplingParams;
import dev.leanprove.orchestrator.prompt.ExtractedProof;
import dev.leanprove.orchestrator.prompt.ProofExtractor;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * DeepSeek-Prover-V2's recipe done online: a sketch of {@code have … := by sorry} steps that Lean
 * accepts, one lemma per sorry (the theorem's hypotheses plus the earlier steps), each lemma searched
 * on its own (and decomposed again, to the maximum depth), then the proofs put back in place and the
 * whole theorem verified. Only the whole verified theorem counts.
 */
public final class DecomposeStrategy implements SearchStrategy {

  public static final String NAME = "decompose";

  /** The heading under which DeepSeek-Prover-V2's CoT answers give their sketch. */
  static final String SKETCH_HEADING = "### Lean 4 Proof with `have` Statements";

  /** Sketches tried per theorem: the model's own first, then one asked for. */
  static final int MAX_SKETCHES = 2;

  private final int depth;
  private final IntFunction<ProofSearch> searchAtDepth;

  /**
   * @param depth the depth of the theorem this strategy decomposes (0 for the user's theorem)
   * @param searchAtDepth the search to run on a subgoal at a given depth
   */
  public DecomposeStrategy(int depth, IntFunction<ProofSearch> searchAtDepth) {
    this.depth = depth;
    this.searchAtDepth = searchAtDepth;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<StrategyOutcome> search(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<Attempt> earlier) {
    List<Attempt> attempts = new ArrayList<>();
    List<Decomposition> decompositions = new ArrayList<>();
    List<SketchProposal> fromAnswers = sketchesInAnswers(target, earlier);
    return trySketches(target, budget, ctx, fromAnswers, 0, attempts, decompositions)
        .map(v -> StrategyOutcome.withDecompositions(attempts, ctx.cancellation().isCancelled() ? "cancelled" : "", decompositions));
  }

  private Future<Void> trySketches(ProofTarget target, BudgetTracker budget, SearchContext ctx, List<SketchProposal> known,
      int tried,
      List<Attempt> attempts, List<Decomposition> decompositions) {
    if (tried >= MAX_SKETCHES || attempts.stream().anyMatch(Attempt::proved) || ctx.cancellation().isCancelled()
        || budget.timeLeft().isZero()) {
      return Future.succeededFuture();
    }
    Future<Optional<SketchProposal>> next = tried < known.size()
        ? Future.succeededFuture(Optional.of(known.get(tried)))
        : askForSketch(target, budget, ctx);
    return next.compose(sketch -> {
      if (sketch.isEmpty()) {
        return Future.succeededFuture();
      }
      return decompose(target, budget, ctx, sketch.get(), attempts, decompositions)
          .compose(v -> trySketches(target, budget, ctx, known, tried + 1, attempts, decompositions));
    });
  }

  /** A sketch proof and the theorem header the model wrote above it ("" when none). */
  record SketchProposal(String proof, String claimedStatement) {

    static SketchProposal of(ExtractedProof p) {
      return new SketchProposal("by\n" + p.body(), p.statementAsWritten());
    }

    ProofCandidate candidate(ProofTarget target) {
      return new ProofCandidate(target.source(), target.name(), proof, "",
          claimedStatement.isBlank() ? Optional.empty() : Optional.of(claimedStatement));
    }
  }

  /** Sketches the model already wrote in its chain-of-thought answers, most recent first, without repeats. */
  static List<SketchProposal> sketchesInAnswers(ProofTarget target, List<Attempt> earlier) {
    Set<SketchProposal> sketches = new LinkedHashSet<>();
    for (int i = earlier.size() - 1; i >= 0; i--) {
      String output = earlier.get(i).rawOutput();
      int heading = output.indexOf(SKETCH_HEADING);
      if (heading < 0) {
        continue;
      }
      int open = output.indexOf("```", heading);
      int close = open < 0 ? -1 : output.indexOf("```", output.indexOf('\n', open) + 1);
      if (close < 0) {
        continue;
      }
      ProofExtractor.extractSketch(output.substring(heading, close + 3), target.writtenName()).proof()
          .map(SketchProposal::of)
          .filter(p -> p.proof().contains("sorry"))
          .ifPresent(sketches::add);
    }
    return new ArrayList<>(sketches);
  }

  private Future<Optional<SketchProposal>> askForSketch(ProofTarget target, BudgetTracker budget, SearchContext ctx) {
    SearchSettings s = ctx.settings();
    java.util.OptionalLong seed = SampleSeeds.next(s, budget);
    if (budget.reserveSamples(1) == 0) {
      return Future.succeededFuture(Optional.empty());
    }
    int maxTokens = (int) Math.max(1, Math.min(s.maxTokens(), budget.remainingTokens()));
    ctx.events().accept(new SearchEvent.AttemptStarted(target.name(), NAME, ctx.planner().name(), 1));
    SamplingParams params = new SamplingParams(1, s.temperature(), s.topP(), maxTokens, seed, List.of());
    return SamplingRound.sample(ctx.planner(), ctx.prompts().sketch(target.task()), params, budget, ctx)
        .map(completions -> {
          budget.spendTokens(completions.stream().mapToLong(Completion::completionTokens).sum());
          return completions.stream()
              .map(c -> ProofExtractor.extractSketch(c.text(), target.writtenName()).proof())
              .flatMap(Optional::stream)
              .map(SketchProposal::of)
              .findFirst();
        })
        .otherwise(Optional.empty());
  }

  private Future<Void> decompose(ProofTarget target, BudgetTracker budget, SearchContext ctx, SketchProposal proposal,
      List<Attempt> attempts, List<Decomposition> decompositions) {
    String sketchProof = proposal.proof();
    ProofCandidate candidate = proposal.candidate(target);
    return CandidateJudge.judgeSketch(target, candidate, NAME, ctx).compose(sketchAttempt -> {
      attempts.add(sketchAttempt);
      if (sketchAttempt.verdict() == ReasonCode.PROVED) {
        // The sketch needed no sorry at all: it is a proof, and Lean said so.
        decompositions.add(new Decomposition(sketchAttempt.id(), sketchProof, ReasonCode.PROVED, List.of(), "the sketch is a complete proof"));
        return Future.succeededFuture();
      }
      if (sketchAttempt.verdict() != ReasonCode.SORRY) {
        decompositions.add(new Decomposition(sketchAttempt.id(), sketchProof, sketchAttempt.verdict(), List.of(),
            "sketch discarded: " + sketchAttempt.detail()));
        return Future.succeededFuture();
      }
      Sketch sketch = Sketch.parse(sketchProof);
      SubgoalExtraction extraction = SubgoalExtractor.extract(target.declaration(), sketch);
      if (!extraction.complete() || extraction.subgoals().isEmpty()) {
        decompositions.add(new Decomposition(sketchAttempt.id(), sketchProof, ReasonCode.SORRY, List.of(),
            "sketch discarded: " + (extraction.subgoals().isEmpty() ? "no sorry step to extract"
                : "cannot state step " + extraction.unsupported().get(0).stepIndex() + " as a lemma: "
                    + extraction.unsupported().get(0).reason())));
        return Future.succeededFuture();
      }
      return solveSubgoals(target, budget, ctx, extraction.subgoals(), sketchAttempt.id())
          .compose(results -> compose(target, ctx, sketch, extraction, results, sketchAttempt, attempts)
              .map(outcome -> {
                decompositions.add(new Decomposition(sketchAttempt.id(), sketchProof, ReasonCode.SORRY, results, outcome));
                return null;
              }));
    });
  }

  private Future<List<SubgoalResult>> solveSubgoals(ProofTarget target, BudgetTracker budget, SearchContext ctx,
      List<Subgoal> subgoals, String parent) {
    ProofSearch search = searchAtDepth.apply(depth + 1);
    List<Future<SubgoalResult>> searches = new ArrayList<>();
    int share = Math.max(1, budget.remainingSamples() / subgoals.size());
    for (Subgoal g : subgoals) {
      String lemmaFile = target.task().header() + g.statement() + " := by\n  sorry\n";
      LeanSource source = LeanSource.parse(lemmaFile);
      Optional<Declaration> lemma = source.theorem(g.lemmaName());
      if (lemma.isEmpty()) {
        continue;
      }
      ctx.events().accept(new SearchEvent.SubgoalOpened(target.name(), g.lemmaName(), depth + 1));
      BudgetTracker child = budget.child(new Budget(share, Math.max(1, budget.remainingTokens()),
          budget.timeLeft().isZero() ? Duration.ofMillis(1) : budget.timeLeft()));
      searches.add(search.prove(ProofTarget.of(source, lemma.get()), child, ctx)
          .map(r -> new SubgoalResult(g.lemmaName(), g.statement(), depth + 1, r)));
    }
    return Future.all(searches).map(all -> all.<SubgoalResult>list());
  }

  /** Puts the subgoal proofs back: inline first, then as auxiliary lemmas; only a verified theorem counts. */
  private Future<String> compose(ProofTarget target, SearchContext ctx, Sketch sketch, SubgoalExtraction extraction,
      List<SubgoalResult> results, Attempt sketchAttempt, List<Attempt> attempts) {
    Map<String, SubgoalResult> byLemma = new HashMap<>();
    results.forEach(r -> byLemma.put(r.lemmaName(), r));
    Map<Integer, String> proofs = new HashMap<>();
    StringBuilder lemmaAuxiliary = new StringBuilder();
    for (Subgoal g : extraction.subgoals()) {
      SubgoalResult r = byLemma.get(g.lemmaName());
      if (r == null || !r.result().proved()) {
        long open = extraction.subgoals().stream().filter(x -> !byLemma.containsKey(x.lemmaName())
            || !byLemma.get(x.lemmaName()).result().proved()).count();
        return Future.succeededFuture(open + " of " + extraction.subgoals().size() + " subgoals not proved");
      }
      proofs.put(g.stepIndex(), r.result().proof().orElseThrow());
      if (!r.result().auxiliary().isBlank()) {
        lemmaAuxiliary.append(r.result().auxiliary().strip()).append("\n\n");
      }
    }
    String inlined;
    try {
      inlined = ProofComposer.inline(sketch, proofs);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture("composition failed: " + e.getMessage());
    }
    ProofCandidate whole = new ProofCandidate(target.source(), target.name(), inlined, lemmaAuxiliary.toString().strip(),
        Optional.empty());
    return CandidateJudge.judgeComposition(target, whole, "compose", sketchAttempt.id(), ctx).compose(inline -> {
      attempts.add(inline);
      if (inline.proved()) {
        return Future.succeededFuture("proved by composing " + proofs.size() + " subgoal proofs");
      }
      Composition lemmas;
      try {
        lemmas = ProofComposer.withAuxiliaryLemmas(sketch, extraction, proofs);
      } catch (IllegalArgumentException e) {
        return Future.succeededFuture("inline composition failed (" + inline.detail() + "); lemma composition impossible: " + e.getMessage());
      }
      String auxiliary = (lemmaAuxiliary + lemmas.auxiliary()).strip();
      ProofCandidate withLemmas =
          new ProofCandidate(target.source(), target.name(), lemmas.proof(), auxiliary, Optional.empty());
      return CandidateJudge.judgeComposition(target, withLemmas, "compose-lemmas", sketchAttempt.id(), ctx).map(a -> {
        attempts.add(a);
        return a.proved()
            ? "proved with the subgoals as auxiliary lemmas (inline composition failed: " + inline.detail() + ")"
            : "composition failed both inline (" + inline.detail() + ") and with lemmas (" + a.detail() + ")";
      });
    });
  }
}
