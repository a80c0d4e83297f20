package dev.leanprove.leanbridge.verdict;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 1 of a check: hands a plan's text to Lean and gives back what Lean said (messages for the
 * judge and for repair). A fresh process per check, or a warm REPL; the judge cannot tell them apart.
 * Cancelling the returned future kills the Lean process doing the work.
 */
interface FirstStage {

  /**
   * @param scratch the run's own directory, the only place a sandboxed process may write
   * @param olean where to write the candidate's .olean for kernel replay, when the stage can (a
   *     process can; a REPL cannot, and kernel replay then compiles the candidate itself)
   */
  CompletableFuture<LeanOutcome> run(CheckPlan plan, Duration timeout, Path scratch, Optional<Path> olean);
}
