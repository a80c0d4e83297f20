package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.job.JobRegistry;
import dev.leanprove.orchestrator.search.Cancellation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code POST /check}: a verdict for every theorem of the posted file, and its messages as editor
 * diagnostics. A check takes one of the jobs' slots (a full queue answers 429 like {@code /prove}),
 * and a client that hangs up cancels it, which kills its Lean process.
 */
final class CheckRoutes {

  private final Verifier verifier;
  private final JobRegistry jobs;
  private final ServerConfig config;
  private final SourceParser parser;

  CheckRoutes(Verifier verifier, JobRegistry jobs, ServerConfig config, SourceParser parser) {
    this.parser = parser;
    this.verifier = verifier;
    this.jobs = jobs;
    this.config = config;
  }

  void mount(Router router) {
    LeanRequest.mountBodyHandling(router.post("/check"), config.maxBodyBytes(), LeanRequest.BODY_TIMEOUT_MILLIS);
    router.post("/check").respond(this::check);
  }

  private Future<JsonObject> check(RoutingContext ctx) {
    return LeanRequest.read(ctx).compose(request -> {
      Cancellation hangUp = new Cancellation();
      ctx.response().closeHandler(v -> hangUp.cancel());
      Context context = ctx.vertx().getOrCreateContext();
      return inSlot(c -> parser.parse(ctx.vertx(), request.code()).compose(source -> {
        CompletableFuture<FileReport> check = verifier.check(source);
        c.onCancel(() -> check.cancel(true));
        return Future.fromCompletionStage(check, context);
      }), hangUp)
          .recover(CheckRoutes::cancelled)
          .map(report -> ReportJson.fileReport(report, request.code()));
    });
  }

  // Usually nobody reads this: the client left. When the server stops, it is what the client gets.
  private static Future<FileReport> cancelled(Throwable e) {
    if (e instanceof CancellationException) {
      return Future.failedFuture(new ApiException(409, "cancelled", "the check was cancelled: the client hung up or the server is stopping"));
    }
    return Future.failedFuture(e);
  }

  private Future<FileReport> inSlot(Function<Cancellation, Future<FileReport>> work, Cancellation hangUp) {
    try {
      return jobs.runInSlot(work, hangUp);
    } catch (IllegalStateException e) {
      throw new ApiException(503, "shutting_down", e.getMessage());
    }
  }
}
