package dev.leanprove.orchestrator.api;

import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.NoTargetException;
import dev.leanprove.orchestrator.search.ProveRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Optional;

/** {@code POST /prove}: proves the posted file's sorry theorems (or the named one) and returns the final file. */
final class ProveRoutes {

  private final FileProver prover;
  private final ServerConfig config;
  private final Budget defaultBudget;

  ProveRoutes(FileProver prover, ServerConfig config, Budget defaultBudget) {
    this.prover = prover;
    this.config = config;
    this.defaultBudget = defaultBudget;
  }

  void mount(Router router) {
    router.post("/prove").handler(BodyHandler.create().setBodyLimit(config.maxBodyBytes()).setDeleteUploadedFilesOnEnd(true));
    router.post("/prove").respond(this::prove);
  }

  private Future<JsonObject> prove(RoutingContext ctx) {
    return LeanRequest.read(ctx)
        .map(this::toRequest)
        .compose(request -> {
          try {
            return prover.prove(request, ctx.vertx().getOrCreateContext(), event -> {});
          } catch (NoTargetException e) {
            throw e.unknownName()
                ? new ApiException(404, "unknown_theorem", e.getMessage())
                : new ApiException(422, "nothing_to_prove", e.getMessage());
          }
        })
        .map(ReportJson::proveResult);
  }

  ProveRequest toRequest(LeanRequest request) {
    JsonObject options = request.options();
    Optional<String> theorem = optionalString(options, "theorem");
    String engine = optionalString(options, "engine").orElse("");
    return new ProveRequest(request.code(), theorem, engine, budget(options.getValue("budget")));
  }

  private Budget budget(Object value) {
    if (value == null) {
      return defaultBudget;
    }
    if (!(value instanceof JsonObject)) {
      throw ApiException.badRequest("\"budget\" must be an object like {\"samples\": 8, \"tokens\": 200000, \"seconds\": 600}");
    }
    JsonObject b = (JsonObject) value;
    try {
      int samples = intField(b, "samples", defaultBudget.samples());
      long tokens = longField(b, "tokens", defaultBudget.tokens());
      long seconds = longField(b, "seconds", defaultBudget.wall().toSeconds());
      return new Budget(samples, tokens, Duration.ofSeconds(seconds));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad budget: " + e.getMessage());
    }
  }

  private static Optional<String> optionalString(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String)) {
      throw ApiException.badRequest("\"" + key + "\" must be a string");
    }
    return ((String) v).isBlank() ? Optional.empty() : Optional.of((String) v);
  }

  private static int intField(JsonObject o, String key, int fallback) {
    return (int) longField(o, key, fallback);
  }

  private static long longField(JsonObject o, String key, long fallback) {
    Object v = o.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())) {
      return ((Number) v).longValue();
    }
    if (v instanceof String) {
      try {
        return Long.parseLong((String) v);
      } catch (NumberFormatException e) {
        // Falls through to the error below, which names the field.
      }
    }
    throw new IllegalArgumentException("\"" + key + "\" must be a whole number, got " + v);
  }
}
