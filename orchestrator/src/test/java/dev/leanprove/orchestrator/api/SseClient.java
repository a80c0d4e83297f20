package dev.leanprove.orchestrator.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A test's Server-Sent Events client: opens a stream, parses its events as they come, and can drop the connection. */
final class SseClient {

  /** One parsed event. */
  record Event(long id, String name, JsonObject data) {}

  final List<Event> events = new CopyOnWriteArrayList<>();
  final AtomicBoolean ended = new AtomicBoolean();
  final AtomicInteger status = new AtomicInteger();
  volatile String contentType;
  volatile String error;

  private final HttpClient http;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private HttpClientRequest request;
  private long id = -1;
  private String name = "message";
  private final StringBuilder data = new StringBuilder();

  private final int dropAfter;
  private volatile boolean dropped;

  private SseClient(HttpClient http, int dropAfter) {
    this.http = http;
    this.dropAfter = dropAfter;
  }

  static SseClient open(Vertx vertx, int port, String path, Map<String, String> headers) {
    return open(vertx, port, path, headers, Integer.MAX_VALUE);
  }

  /** A stream that drops its connection right after its {@code dropAfter}-th event, reading nothing more. */
  static SseClient open(Vertx vertx, int port, String path, Map<String, String> headers, int dropAfter) {
    SseClient sse = new SseClient(vertx.createHttpClient(), dropAfter);
    sse.request = sse.http.request(HttpMethod.GET, port, "127.0.0.1", path).await();
    headers.forEach(sse.request::putHeader);
    // Handlers are set in the response callback, on the event loop, before any chunk can arrive.
    sse.request.send().onSuccess(response -> {
      sse.status.set(response.statusCode());
      sse.contentType = response.getHeader("Content-Type");
      response.handler(sse::feed);
      response.endHandler(v -> sse.ended.set(true));
      response.exceptionHandler(e -> sse.error = e.toString());
    }).onFailure(e -> sse.error = e.toString());
    return sse;
  }

  /** Whether the stream dropped its connection after its {@code dropAfter}-th event. */
  boolean dropped() {
    return dropped;
  }

  /** Drops the TCP connection, as a client that goes away does. */
  void drop() {
    request.connection().close().await();
    http.close().await();
  }

  void close() {
    http.close().await();
  }

  SseClient awaitEvents(int n) {
    return awaitUntil(() -> events.size() >= n, "at least " + n + " events");
  }

  SseClient awaitEnd() {
    return awaitUntil(ended::get, "the end of the stream");
  }

  SseClient awaitStatus() {
    return awaitUntil(() -> status.get() != 0 || error != null, "a response");
  }

  private SseClient awaitUntil(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (error != null) {
        throw new AssertionError("stream failed: " + error);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within 10 s; got " + events);
      }
      ApiServer.sleep(20);
    }
    return this;
  }

  // Lines are split on raw bytes: '\n' never occurs inside a UTF-8 multi-byte character.
  private synchronized void feed(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    for (byte b : bytes) {
      if (dropped) {
        return;
      }
      if (b == '\n') {
        line(new String(pending.toByteArray(), StandardCharsets.UTF_8));
        pending.reset();
      } else {
        pending.write(b);
      }
    }
  }

  private void line(String raw) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (line.isEmpty()) {
      if (data.length() > 0) {
        if (events.size() + 1 >= dropAfter) {
          dropped = true;
          request.connection().close();
        }
        events.add(new Event(id, name, new JsonObject(data.toString())));
      }
      data.setLength(0);
      name = "message";
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
    switch (field) {
      case "id":
        id = Long.parseLong(value);
        break;
      case "event":
        name = value;
        break;
      case "data":
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(value);
        break;
      default:
        break;
    }
  }
}
