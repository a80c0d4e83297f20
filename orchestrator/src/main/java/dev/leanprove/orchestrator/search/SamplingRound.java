package dev.leanprove.orchestrator.search;

import dev.leanprove.orchestrator.engine.Completion;
import dev.leanprove.orchestrator.engine.Deadline;
import dev.leanprove.orchestrator.engine.Engine;
import dev.leanprove.orchestrator.engine.EngineException;
import dev.leanprove.orchestrator.engine.Prompt;
import dev.leanprove.orchestrator.engine.SamplingParams;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * One model request of a search, for every strategy (whole proofs, repairs, sketches): it ends when
 * the search is cancelled or the budget's time runs out, and either way the engine's HTTP request
 * is aborted and its slot freed, instead of the answer being merely ignored.
 */
final class SamplingRound {

  private SamplingRound() {}

  /**
   * Samples from {@code engine}; fails with {@link CancellationException} on cancel and with
   * {@link TimeoutException} when the time budget is spent first.
   */
  static Future<List<Completion>> sample(Engine engine, Prompt prompt, SamplingParams params, BudgetTracker budget,
      SearchContext ctx) {
    long timeLeftMillis = Math.max(1, budget.timeLeft().toMillis());
    Deadline deadline = Deadline.after(budget.timeLeft());
    Promise<List<Completion>> result = Promise.promise();
    Vertx vertx = ctx.vertxContext().owner();
    long timer = vertx.setTimer(timeLeftMillis, fired -> {
      if (result.tryFail(new TimeoutException("the time budget was spent while the model was generating"))) {
        deadline.abandon();
      }
    });
    Cancellation.Registration registration = ctx.cancellation().onCancel(() -> {
      if (result.tryFail(new CancellationException("search cancelled"))) {
        deadline.abandon();
      }
    });
    engine.sample(prompt, params, deadline).onComplete(answer -> {
      if (answer.succeeded()) {
        result.tryComplete(answer.result());
      } else {
        result.tryFail(answer.cause());
      }
    });
    return result.future().andThen(done -> {
      vertx.cancelTimer(timer);
      registration.remove();
    });
  }

  /**
   * Whether the engine cannot be used at all (down, refusing the key, no such model, or still
   * answering "unavailable" once the retries were spent).
   */
  static boolean isUnreachable(Throwable failure) {
    if (!(failure instanceof EngineException)) {
      return false;
    }
    switch (((EngineException) failure).kind()) {
      case UNAVAILABLE:
      case CONNECTION:
      case CIRCUIT_OPEN:
      case UNAUTHORIZED:
      case NOT_FOUND:
        return true;
      default:
        return false;
    }
  }

  /**
   * Whether the search may go on after this failure with its next request: a malformed or
   * over-long answer spoils one request, not the model.
   */
  static boolean spoilsOnlyThisRequest(Throwable failure) {
    return failure instanceof EngineException
        && ((EngineException) failure).kind() == EngineException.Kind.MALFORMED_RESPONSE;
  }

  /** Why a strategy stopped after this failure, for the result's stop reason. */
  static String stopReason(Throwable failure) {
    if (failure instanceof EngineException) {
      EngineException e = (EngineException) failure;
      return "engine " + e.kind() + ": " + e.getMessage();
    }
    if (failure instanceof CancellationException) {
      return "cancelled";
    }
    if (failure instanceof TimeoutException) {
      return "time budget spent while the model was generating";
    }
    return "model request failed: " + failure;
  }
}
