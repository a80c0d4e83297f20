package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.ParsedOutput;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.Termination;
import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.repl.ReplPoolBusyException;
import dev.leanprove.leanbridge.repl.ReplReply;
import dev.leanprove.leanbridge.repl.ReplResponse;
import dev.leanprove.leanbridge.repl.ReplStartException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The warm first stage: the plan's header (imports, options, opens) is loaded once per REPL process,
 * and the rest of the text runs as one command against it. The answer is turned into the outcome a
 * {@code lake env lean} run of the same text would give: the same messages at the same file
 * positions, exit status 1 exactly when one is an error, and the runner's terminations.
 */
final class ReplFirstStage implements FirstStage {

  private final ReplPool pool;

  ReplFirstStage(ReplPool pool) {
    this.pool = pool;
  }

  @Override
  public CompletableFuture<LeanOutcome> run(CheckPlan plan, Duration timeout, Path scratch, Optional<Path> olean) {
    String header = plan.text().substring(0, plan.headerEnd());
    String body = plan.text().substring(plan.headerEnd());
    CompletableFuture<ReplReply> reply = pool.check(header, body, timeout);
    CompletableFuture<LeanOutcome> outcome = reply.handle((r, e) -> outcomeOf(r, e, timeout));
    outcome.whenComplete((r, e) -> {
      if (outcome.isCancelled()) {
        reply.cancel(true);
      }
    });
    return outcome;
  }

  static LeanOutcome outcomeOf(ReplReply reply, Throwable error, Duration timeout) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof CancellationException) {
        throw (CancellationException) cause;
      }
      if (cause instanceof ReplStartException && ((ReplStartException) cause).notStarted()) {
        return LeanOutcome.notStarted(ReasonCode.TOOLCHAIN_MISSING, cause.getMessage());
      }
      if (cause instanceof ReplPoolBusyException || cause instanceof ReplStartException) {
        return LeanOutcome.notStarted(ReasonCode.SYSTEM_ERROR, cause.getMessage());
      }
      return LeanOutcome.notStarted(ReasonCode.SYSTEM_ERROR, String.valueOf(cause.getMessage()));
    }
    if (reply.answered()) {
      List<LeanMessage> messages = reply.response().get().messages();
      int exit = messages.stream().anyMatch(LeanMessage::isError) ? 1 : 0;
      LeanRun run = new LeanRun(exit, Termination.EXITED, "", reply.stderr(), reply.wall(), false);
      return LeanOutcome.of(run, new ParsedOutput(messages, List.of()), timeout, "");
    }
    // Killed, dead, or an error object instead of a result: no messages, and the reason in plain words.
    String said = reply.response().filter(r -> r instanceof ReplResponse.Failure)
        .map(r -> "the REPL refused the command: " + ((ReplResponse.Failure) r).message()).orElse("");
    String stderr = (said + "\n" + reply.stderr()).strip();
    int exit = reply.termination() == Termination.EXITED ? (reply.exitCode() == 0 || reply.exitCode() == -1 ? 1
        : reply.exitCode()) : -1;
    LeanRun run = new LeanRun(exit, reply.termination(), "", stderr, reply.wall(), false);
    return LeanOutcome.of(run, new ParsedOutput(List.of(), List.of()), timeout, "");
  }
}
