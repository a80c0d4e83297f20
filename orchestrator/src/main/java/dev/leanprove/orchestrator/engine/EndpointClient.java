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

  /** No cap on an answer's size: for small administrative answers (model lists, health). */
  static final long NO_LIMIT = Long.MAX_VALUE;

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
    return onContext(() -> exchange(HttpMethod.GET, path, null, Deadline.none(), NO_LIMIT).compose(this::json));
  }

  Future<JsonObject> postJson(String path, JsonObject body) {
    return postJson(path, body, Deadline.none(), NO_LIMIT);
  }

  /**
   * Posts {@code body} and reads the JSON answer; the request is aborted when {@code deadline} is
   * abandoned, and an answer longer than {@code maxBytes} is refused (the connection reset) with
   * {@code MALFORMED_RESPONSE} instead of being held in memory.
   */
  Future<JsonObject> postJson(String path, JsonObject body, Deadline deadline, long maxBytes) {
    return onContext(() -> exchange(HttpMethod.POST, path, body, deadline, maxBytes).compose(this::json));
  }

  /** A request whose answer body does not matter, only that it succeeded. */
  Future<Void> call(HttpMethod method, String path) {
    return onContext(() -> exchange(method, path, null, Deadline.none(), NO_LIMIT).mapEmpty());
  }

  /**
   * Posts {@code body} and hands each line of the newline-delimited JSON answer to
   * {@code onObject} as it arrives; an exception thrown there aborts the request and fails the
   * returned future with it. Aborted, too, when {@code deadline} is abandoned.
   */
  Future<Void> streamJsonLines(String path, JsonObject body, Consumer<JsonObject> onObject, Deadline deadline) {
    return onContext(() -> stream(path, body, onObject, deadline));
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

  private Future<Void> stream(String path, JsonObject body, Consumer<JsonObject> onObject, Deadline deadline) {
    if (deadline.isAbandoned()) {
      return Future.failedFuture(abandoned(null));
    }
    return http.request(options(HttpMethod.POST, path, true))
        .compose(request -> abortWhenAbandoned(request, deadline).send(body.toBuffer())
            .compose(response -> response.statusCode() / 100 == 2
                ? readLines(request, response, onObject)
                : response.body().compose(content -> Future.<Void>failedFuture(failure(response, content)))))
        .recover(failure -> Future.failedFuture(classify(failure, deadline)));
  }

  private Future<Answer> exchange(HttpMethod method, String path, JsonObject body, Deadline deadline, long maxBytes) {
    if (deadline.isAbandoned()) {
      return Future.failedFuture(abandoned(null));
    }
    return http.request(options(method, path, body != null))
        .compose(request -> {
          abortWhenAbandoned(request, deadline);
          Future<HttpClientResponse> sent = body == null ? request.send() : request.send(body.toBuffer());
          return sent.compose(response -> readBody(request, response, maxBytes).map(content -> new Answer(response, content)));
        })
        .recover(failure -> Future.failedFuture(classify(failure, deadline)))
        .compose(answer -> answer.status() / 100 == 2
            ? Future.succeededFuture(answer)
            : Future.failedFuture(failure(answer.response(), answer.body())));
  }

  /**
   * Resets the request when the caller gives up, which closes its connection: the server stops
   * generating for nobody and the engine's request slot is freed at once.
   */
  private static HttpClientRequest abortWhenAbandoned(HttpClientRequest request, Deadline deadline) {
    deadline.abandoned().onComplete(gone -> request.reset());
    return request;
  }

  /** The whole body, or a failure (and a reset connection) as soon as it grows past {@code maxBytes}. */
  private Future<Buffer> readBody(HttpClientRequest request, HttpClientResponse response, long maxBytes) {
    if (maxBytes == NO_LIMIT) {
      return response.body();
    }
    Promise<Buffer> done = Promise.promise();
    Buffer content = Buffer.buffer();
    response.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      if ((long) content.length() + chunk.length() > maxBytes) {
        if (done.tryFail(tooLong(response.statusCode(), maxBytes))) {
          request.reset();
        }
        return;
      }
      content.appendBuffer(chunk);
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(end -> done.tryComplete(content));
    return done.future();
  }

  private EngineException tooLong(int status, long maxBytes) {
    return FailureClassifier.malformed(base, status, "the answer is longer than " + maxBytes
        + " bytes, more than the requested max_tokens can produce; refused without reading the rest", null);
  }

  private EngineException classify(Throwable failure, Deadline deadline) {
    if (deadline.isAbandoned() && !(failure instanceof EngineException)) {
      return abandoned(failure);
    }
    return FailureClassifier.fromThrowable(base, failure);
  }

  private EngineException abandoned(Throwable cause) {
    return new EngineException(EngineException.Kind.ABANDONED, 0, RetryAfter.ABSENT,
        "request to " + base + " aborted: the caller gave up (cancelled or out of time)", cause);
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
