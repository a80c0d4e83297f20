package dev.leanprove.orchestrator.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** {@code GET /health}: whether the service is up, and with which Lean; {@code HEAD /health} for probes that read no body. */
final class HealthRoutes {

  private final Supplier<JsonObject> status;

  HealthRoutes(Supplier<JsonObject> status) {
    this.status = status;
  }

  void mount(Router router) {
    router.head("/health").handler(ctx -> ctx.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end());
    router.get("/health").respond(ctx -> Future.succeededFuture(new JsonObject().put("status", "ok").mergeIn(status.get())));
  }
}
