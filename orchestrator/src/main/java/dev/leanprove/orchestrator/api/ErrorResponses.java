package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.process.LeanBusyException;
import dev.leanprove.orchestrator.job.JobRegistry;
import dev.leanprove.orchestrator.job.QueueFullException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Renders every failure as {@code {"error": {"code", "message"}}} with the right status. */
final class ErrorResponses {

  private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

  private ErrorResponses() {}

  static void mount(Router router) {
    router.route().failureHandler(ErrorResponses::render);
    router.errorHandler(404, ctx -> send(ctx, 404, "not_found", "no route for " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(405, ctx -> send(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path()));
  }

  private static void render(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException) {
      ApiException e = (ApiException) failure;
      send(ctx, e.status(), e.code(), e.getMessage());
    } else if (failure instanceof HttpException) {
      HttpException e = (HttpException) failure;
      int status = e.getStatusCode();
      String message = e.getPayload() != null ? e.getPayload() : defaultMessage(status);
      send(ctx, status, codeFor(status), message);
    } else if (failure instanceof QueueFullException) {
      long seconds = Math.max(1, ((QueueFullException) failure).retryAfter().toSeconds());
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      send(ctx, 429, "queue_full", failure.getMessage());
    } else if (failure instanceof LeanBusyException) {
      ctx.response().putHeader("Retry-After", Long.toString(JobRegistry.RETRY_AFTER.toSeconds()));
      send(ctx, 503, "lean_busy", failure.getMessage());
    } else if (failure instanceof IllegalArgumentException) {
      send(ctx, 400, "bad_request", failure.getMessage());
    } else if (failure != null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // A vert.x handler refused the request with a status and an exception of its own (e.g. CORS: 403).
      send(ctx, ctx.statusCode(), codeFor(ctx.statusCode()), failure.getMessage());
    } else if (failure == null) {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      send(ctx, status, codeFor(status), defaultMessage(status));
    } else {
      LOG.log(Level.WARNING, "request failed: " + ctx.request().path(), failure);
      send(ctx, 500, "internal", "internal error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
  }

  private static String codeFor(int status) {
    switch (status) {
      case 400:
        return "bad_request";
      case 401:
        return "unauthorized";
      case 403:
        return "forbidden";
      case 404:
        return "not_found";
      case 413:
        return "payload_too_large";
      case 415:
        return "unsupported_media_type";
      case 429:
        return "too_many_requests";
      default:
        return status >= 500 ? "internal" : "error";
    }
  }

  private static String defaultMessage(int status) {
    switch (status) {
      case 413:
        return "request body is larger than the server's limit";
      case 400:
        return "bad request";
      default:
        return "HTTP " + status;
    }
  }

  static void send(RoutingContext ctx, int status, String code, String message) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body = new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.encode());
  }
}
