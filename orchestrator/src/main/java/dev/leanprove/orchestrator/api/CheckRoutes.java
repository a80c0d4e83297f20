package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.Verifier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /check}: a verdict for every theorem of the posted file, and its messages as editor diagnostics. */
final class CheckRoutes {

  private final Verifier verifier;
  private final ServerConfig config;

  CheckRoutes(Verifier verifier, ServerConfig config) {
    this.verifier = verifier;
    this.config = config;
  }

  void mount(Router router) {
    LeanRequest.mountBodyHandling(router.post("/check"), config.maxBodyBytes(), LeanRequest.BODY_TIMEOUT_MILLIS);
    router.post("/check").respond(this::check);
  }

  private Future<JsonObject> check(RoutingContext ctx) {
    return LeanRequest.read(ctx)
        .compose(request -> Future.fromCompletionStage(verifier.check(LeanSource.parse(request.code())), ctx.vertx().getOrCreateContext())
            .map(report -> ReportJson.fileReport(report, request.code())));
  }
}
