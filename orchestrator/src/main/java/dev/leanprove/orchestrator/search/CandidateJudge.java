package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.engine.Completion;
import dev.leanprove.orchestrator.prompt.ExtractedProof;
import dev.leanprove.orchestrator.prompt.Extraction;
import dev.leanprove.orchestrator.prompt.ExtractionFailure;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/** Turns one model output into an attempt: extract the proof, splice it after the original statement, verify. */
final class CandidateJudge {

  private CandidateJudge() {}

  /** Never fails: a bad output or a verifier refusal becomes a failed attempt. */
  static Future<Attempt> judge(ProofTarget target, Completion completion, String strategy, String promptId,
      long generationMillis, String parent, SearchContext ctx) {
    Extraction extraction = PromptStyle.ofTemplate(promptId).extract(completion.text(), target.writtenName());
    Optional<ExtractedProof> proof = extraction.proof();
    if (proof.isEmpty()) {
      ExtractionFailure failure = (ExtractionFailure) extraction;
      Attempt rejected = new Attempt(strategy, ctx.engine().name(), promptId, completion.text(), "", "",
          // No Lean proof at all: counted as a failed proof, like one Lean rejects.
          ReasonCode.LEAN_ERROR, "no usable proof in the output: " + failure.detail(), completion.promptTokens(),
          completion.completionTokens(), generationMillis, 0, false, ctx.ids().next(), parent, List.of(), "");
      ctx.events().accept(new SearchEvent.AttemptJudged(target.name(), rejected));
      return Future.succeededFuture(rejected);
    }
    ExtractedProof p = proof.get();
    String body = "by\n" + p.body();
    ProofCandidate candidate =
        new ProofCandidate(target.source(), target.name(), body, String.join("\n\n", p.auxiliaryDeclarations()),
            p.statementAsWritten().isBlank() ? Optional.empty() : Optional.of(p.statementAsWritten()));
    return verify(target, candidate, proofCheck(candidate, ctx), strategy, promptId, completion, generationMillis, parent, ctx);
  }

  /** Verifies a proof that needs no extraction (the portfolio's), within its own time limit. */
  static Future<Attempt> judgeProof(ProofTarget target, String proof, String strategy, Duration timeout, SearchContext ctx) {
    ProofCandidate candidate = ProofCandidate.of(target.source(), target.name(), proof);
    return verify(target, candidate, () -> ctx.checker().checkWithin(candidate, timeout, ctx.vertxContext(), ctx.cancellation()),
        strategy, "", NO_OUTPUT, 0, "", ctx);
  }

  /** Verifies subgoal proofs composed back into the theorem. */
  static Future<Attempt> judgeComposition(ProofTarget target, ProofCandidate candidate, String strategy, String parent,
      SearchContext ctx) {
    return verify(target, candidate, proofCheck(candidate, ctx), strategy, "", NO_OUTPUT, 0, parent, ctx);
  }

  /** Checks a sketch: {@code SORRY} is a usable sketch (Lean accepted all but its sorries). */
  static Future<Attempt> judgeSketch(ProofTarget target, ProofCandidate candidate, String strategy, SearchContext ctx) {
    return verify(target, candidate, () -> ctx.checker().checkSketch(candidate, ctx.vertxContext(), ctx.cancellation()),
        strategy, "", NO_OUTPUT, 0, "", ctx);
  }

  private static final Completion NO_OUTPUT = new Completion("", "stop", 0, 0);

  private static Supplier<Future<CandidateChecker.Checked>> proofCheck(ProofCandidate candidate, SearchContext ctx) {
    return () -> ctx.checker().check(candidate, ctx.vertxContext(), ctx.cancellation());
  }

  /** Runs one check and makes its attempt, reported as soon as it is judged; a failed check is a failed attempt. */
  private static Future<Attempt> verify(ProofTarget target, ProofCandidate candidate,
      Supplier<Future<CandidateChecker.Checked>> check, String strategy, String promptId, Completion completion,
      long generationMillis, String parent, SearchContext ctx) {
    ctx.events().accept(new SearchEvent.CandidateReady(target.name(), strategy, candidate.proof()));
    long start = System.nanoTime();
    String id = ctx.ids().next();
    Future<CandidateChecker.Checked> checked;
    try {
      checked = check.get();
    } catch (IllegalArgumentException e) {
      checked = Future.failedFuture(e);
    }
    return checked
        .map(c -> new Attempt(strategy, ctx.engine().name(), promptId, completion.text(), candidate.proof(),
            candidate.auxiliary(), c.verdict().code(), c.verdict().detail(), completion.promptTokens(),
            completion.completionTokens(), generationMillis, (System.nanoTime() - start) / 1_000_000, c.cached(), id,
            parent, c.verdict().messages(), c.verdict().checkedText()))
        .otherwise(e -> new Attempt(strategy, ctx.engine().name(), promptId, completion.text(), candidate.proof(),
            candidate.auxiliary(), ReasonCode.SYSTEM_ERROR,
            e instanceof CancellationException ? "verification cancelled" : "verification failed: " + e.getMessage(),
            completion.promptTokens(), completion.completionTokens(), generationMillis,
            (System.nanoTime() - start) / 1_000_000, false, id, parent, List.of(), ""))
        .onSuccess(a -> ctx.events().accept(new SearchEvent.AttemptJudged(target.name(), a)));
  }
}
