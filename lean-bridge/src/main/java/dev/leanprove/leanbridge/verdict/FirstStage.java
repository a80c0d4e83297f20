package dev.leanprove.leanbridge.verdict;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 1 of a check: hands a plan's text to Lean and gives back what Lean said (messages for the
 * judge and for repair). A fresh process per check, or a warm REPL; the judge cannot tell them apart.
 * Cancelling the returned future kills the Lean process doing the work.
 */
interface FirstStage {

  CompletableFuture<LeanOutcome> run(CheckPlan plan, Duration timeout);
}
