package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One model server's HTTP endpoint: JSON requests, NDJSON streams, the API key, the timeout, and
 * every failure turned into an {@link EngineException} by {@link FailureClassifier}.
 */
final class EndpointClient {

  private static final long MAX_CONNECT_TIMEOUT_MILLIS = 10_000;

  private final Vertx vertx;
  private final HttpClient http;
  private final String base;
  private final Optional<String> apiKey;
  private final long idleTimeoutMillis;
  private final Clock clock;

  EndpointClient(Vertx vertx, HttpClient http, URI endpoint, Optional<String> apiKey, Duration idleTimeout,
      Clock clock) {
    this.vertx = vertx;
    this.http = http;
    this.base = normalize(endpoint);
    this.apiKey = apiKey;
    this.idleTimeoutMillis = idleTimeout.toMillis();
    this.clock = clock;
  }

  /** The base URL, without a trailing {@code /v1}: names the endpoint in messages and breakers. */
  String endpoint() {
    return base;
  }

  Future<JsonObject> getJson(String path) {
    return onContext(() -> exchange(HttpMethod.GET, path, null).compose(this::json));
  }

  Future<JsonObject> postJson(String path, JsonObject body) {
    return onContext(() -> exchange(HttpMethod.POST, path, body).compose(this::json));
  }

  /** A request whose answer body does not matter, only that it succeeded. */
  Future<Void> call(HttpMethod method, String path) {
    return onContext(() -> exchange(method, path, null).mapEmpty());
  }

  /**
   * Posts {@code body} and hands each line of the newline-delimited JSON answer to
   * {@code onObject} as it arrives; an exception thrown there aborts the request and fails the
   * returned future with it.
   */
  Future<Void> streamJsonLines(String path, JsonObject body, Consumer<JsonObject> onObject) {
    return onContext(() -> stream(path, body, onObject));
  }

  /**
   * Runs the request chain on a Vert.x context. A caller on a plain thread (the CLI, a test) would
   * otherwise attach the body handlers after the event loop may already have delivered the body
   * of a fast answer, and the request would never complete.
   */
  private <T> Future<T> onContext(Supplier<Future<T>> chain) {
    if (Vertx.currentContext() != null) {
      return started(chain);
    }
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(start -> started(chain).onComplete(result));
    return result.future();
  }

  private <T> Future<T> started(Supplier<Future<T>> chain) {
    try {
      return chain.get();
    } catch (RuntimeException beforeSending) {
      return Future.failedFuture(FailureClassifier.fromThrowable(base, beforeSending));
    }
  }

  private Future<Void> stream(String path, JsonObject body, Consumer<JsonObject> onObject) {
    return http.request(options(HttpMethod.POST, path, true))
        .compose(request -> request.send(body.toBuffer())
            .compose(response -> response.statusCode() / 100 == 2
                ? readLines(request, response, onObject)
                : response.body().compose(content -> Future.<Void>failedFuture(failure(response, content)))))
        .recover(failure -> Future.failedFuture(FailureClassifier.fromThrowable(base, failure)));
  }

  private Future<Answer> exchange(HttpMethod method, String path, JsonObject body) {
    return http.request(options(method, path, body != null))
        .compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
        .compose(response -> response.body().map(content -> new Answer(response, content)))
        .recover(failure -> Future.failedFuture(FailureClassifier.fromThrowable(base, failure)))
        .compose(answer -> answer.status() / 100 == 2
            ? Future.succeededFuture(answer)
            : Future.failedFuture(failure(answer.response(), answer.body())));
  }

  private Future<JsonObject> json(Answer answer) {
    try {
      return Future.succeededFuture(new JsonObject(answer.body()));
    } catch (DecodeException | ClassCastException notAnObject) {
      return Future.failedFuture(FailureClassifier.malformed(base, answer.status(),
          "body is not a JSON object: " + preview(answer.body().toString(StandardCharsets.UTF_8)), notAnObject));
    }
  }

  private Future<Void> readLines(HttpClientRequest request, HttpClientResponse response, Consumer<JsonObject> onObject) {
    Promise<Void> done = Promise.promise();
    Silence silence = new Silence(() -> {
      if (done.tryFail(new EngineException(EngineException.Kind.TIMEOUT, 0, RetryAfter.ABSENT,
          base + " sent nothing for " + idleTimeoutMillis + " ms in the middle of a stream", null))) {
        request.reset();
      }
    });
    JsonLines lines = new JsonLines(line -> onObject.accept(parseLine(response.statusCode(), line)));
    response.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      silence.heard();
      try {
        lines.feed(chunk);
      } catch (RuntimeException abort) {
        if (done.tryFail(abort)) {
          request.reset();
        }
      }
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(end -> {
      try {
        lines.finish();
        done.tryComplete();
      } catch (RuntimeException abort) {
        done.tryFail(abort);
      }
    });
    silence.start();
    return done.future().andThen(outcome -> silence.stop());
  }

  /**
   * Fails a stream that goes quiet for the idle timeout. The request's own idle timeout stops
   * watching once the response head has arrived, and a stalled generation sends its head first.
   */
  private final class Silence {
    private final Runnable onSilence;
    private volatile long lastHeardNanos = System.nanoTime();
    private long timerId = -1;
    private boolean stopped;

    Silence(Runnable onSilence) {
      this.onSilence = onSilence;
    }

    void heard() {
      lastHeardNanos = System.nanoTime();
    }

    void start() {
      schedule(idleTimeoutMillis);
    }

    synchronized void stop() {
      stopped = true;
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
        timerId = -1;
      }
    }

    private synchronized void schedule(long delayMillis) {
      if (stopped) {
        return;
      }
      timerId = vertx.setTimer(Math.max(1, delayMillis), fired -> check());
    }

    private void check() {
      long quietMillis = (System.nanoTime() - lastHeardNanos) / 1_000_000;
      if (quietMillis >= idleTimeoutMillis) {
        onSilence.run();
      } else {
        schedule(idleTimeoutMillis - quietMillis);
      }
    }
  }

  private JsonObject parseLine(int status, String line) {
    try {
      return new JsonObject(line);
    } catch (DecodeException | ClassCastException notAnObject) {
      throw FailureClassifier.malformed(base, status, "stream line is not a JSON object: " + preview(line), notAnObject);
    }
  }

  private EngineException failure(HttpClientResponse response, Buffer content) {
    return FailureClassifier.fromResponse(base, response.statusCode(), response.getHeader(HttpHeaders.RETRY_AFTER),
        content.toString(StandardCharsets.UTF_8), clock);
  }

  private RequestOptions options(HttpMethod method, String path, boolean hasBody) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(base + path)
        .setIdleTimeout(idleTimeoutMillis)
        .setConnectTimeout(Math.min(idleTimeoutMillis, MAX_CONNECT_TIMEOUT_MILLIS))
        .putHeader(HttpHeaders.ACCEPT, "application/json, application/x-ndjson");
    if (hasBody) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    }
    apiKey.ifPresent(key -> options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key));
    return options;
  }

  /** The base URL of an endpoint: no trailing slash, no trailing {@code /v1}. */
  static String normalize(URI endpoint) {
    String text = endpoint.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.endsWith("/v1") ? text.substring(0, text.length() - 3) : text;
  }

  private static String preview(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  /** A complete HTTP answer: the response head and its whole body. */
  private record Answer(HttpClientResponse response, Buffer body) {
    int status() {
      return response.statusCode();
    }
  }

  /** Splits a byte stream into lines (UTF-8 never puts a newline byte inside a character). */
  private static final class JsonLines {
    private final Consumer<String> onLine;
    private Buffer pending = Buffer.buffer();

    JsonLines(Consumer<String> onLine) {
      this.onLine = onLine;
    }

    void feed(Buffer chunk) {
      pending.appendBuffer(chunk);
      int start = 0;
      for (int i = 0; i < pending.length(); i++) {
        if (pending.getByte(i) == '\n') {
          emit(pending.getString(start, i, "UTF-8"));
          start = i + 1;
        }
      }
      pending = pending.getBuffer(start, pending.length());
    }

    void finish() {
      emit(pending.toString(StandardCharsets.UTF_8));
      pending = Buffer.buffer();
    }

    private void emit(String line) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()) {
        onLine.accept(trimmed);
      }
    }
  }
}
