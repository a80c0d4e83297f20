package dev.leanprove.orchestrator.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cuts off connections that send a request too slowly or sit idle too long, so slow or silent
 * clients (slowloris) cannot pile up open sockets. A request being answered is never cut off,
 * however long it takes: a synchronous {@code /prove} waits minutes without a byte on the wire,
 * which is why Vert.x's own idle timeout (which counts that silence too) is not used.
 */
final class ConnectionGuard {

  private final Vertx vertx;
  private final Connections limits;
  private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();
  private long sweeper = -1;

  ConnectionGuard(Vertx vertx, Connections limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** Watches the server's connections; call before it listens, from the verticle's context. */
  void install(HttpServer server) {
    server.connectionHandler(connection -> {
      open.put(connection, new Tracked(now()));
      connection.closeHandler(v -> open.remove(connection));
    });
    long shortest = Math.min(limits.requestTimeout().toMillis(), limits.idleTimeout().toMillis());
    sweeper = vertx.setPeriodic(Math.max(20, Math.min(1000, shortest / 4)), t -> sweep());
  }

  /** {@code next}, noting each request on its connection first. */
  Handler<HttpServerRequest> tracking(Handler<HttpServerRequest> next) {
    return request -> {
      Tracked tracked = open.get(request.connection());
      if (tracked != null) {
        tracked.arrived(request, now());
      }
      next.handle(request);
    };
  }

  void stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
  }

  /** Connections open right now. */
  int openCount() {
    return open.size();
  }

  private void sweep() {
    long now = now();
    open.forEach((connection, tracked) -> {
      if (tracked.expired(now, limits.requestTimeout().toMillis(), limits.idleTimeout().toMillis())) {
        open.remove(connection);
        cutOff(connection, tracked.current());
      }
    });
  }

  // A connection closes gracefully only once its current response has gone out, so a request whose
  // body never finished gets its answer (408) first.
  private void cutOff(HttpConnection connection, HttpServerRequest unfinished) {
    if (unfinished == null || unfinished.response().ended()) {
      connection.close();
      return;
    }
    if (unfinished.response().headWritten()) {
      unfinished.response().reset();
      return;
    }
    String body = new JsonObject().put("error", new JsonObject().put("code", "request_timeout")
        .put("message", "the request did not arrive within " + limits.requestTimeout().toMillis() + " ms")).encode();
    unfinished.response().setStatusCode(408)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body)
        .onComplete(v -> connection.close());
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }

  /** One connection's latest request and since when it has been in its current phase. */
  private static final class Tracked {

    private long since;
    private HttpServerRequest current;
    private boolean idle;

    Tracked(long openedAt) {
      this.since = openedAt;
    }

    synchronized void arrived(HttpServerRequest request, long now) {
      current = request;
      since = now;
      idle = false;
    }

    synchronized HttpServerRequest current() {
      return current;
    }

    synchronized boolean expired(long now, long requestTimeout, long idleTimeout) {
      if (current == null || !current.isEnded()) {
        // No request head yet, or its body is still coming.
        return now - since > requestTimeout;
      }
      if (!current.response().ended()) {
        return false;
      }
      if (!idle) {
        idle = true;
        since = now;
      }
      return now - since > idleTimeout;
    }
  }
}
