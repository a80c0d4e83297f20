package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Xinference (port 9997): launches DeepSeek-Prover-V2 by REST and samples through its
 * OpenAI-compatible endpoints with {@code model} = the model uid.
 *
 * <p>Xinference drops {@code n} from completion requests, so one call here fans out {@code n}
 * single requests, at most {@code maxInFlight} open at once. When a seed is set, request
 * {@code i} uses {@code seed + i}: the same seed on every request would return {@code n} copies
 * of one sample.
 *
 * <p>Launching uses {@code POST /v1/models?wait_ready=false}, which answers with the uid at once,
 * then polls {@code GET /v1/models/{uid}} until it answers 200, within a bounded wait: loading
 * weights takes minutes, longer than any HTTP request should stay open.
 */
public final class XinferenceEngine implements Engine {

  private static final Duration MIN_POLL = Duration.ofMillis(50);
  private static final Duration MAX_POLL = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final EndpointClient client;
  private final EngineConfig config;
  private final RequestLimiter limiter;
  private volatile String modelUid;

  /** A model Xinference is running, as {@code GET /v1/models} describes it. */
  public record RunningModel(String uid, String modelName, String modelType, int sizeInBillions, String format,
      String quantization, int contextLength) {

    public RunningModel {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(modelName, "modelName");
      Objects.requireNonNull(modelType, "modelType");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(quantization, "quantization");
    }
  }

  public XinferenceEngine(Vertx vertx, HttpClient http, EngineConfig config) {
    this(vertx, new EndpointClient(vertx, http, config.requireEndpoint(), config.apiKey(), config.requestTimeout(),
        Clock.systemUTC()), config);
  }

  XinferenceEngine(Vertx vertx, EndpointClient client, EngineConfig config) {
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.limiter = new RequestLimiter(config.maxInFlight());
    this.modelUid = config.model().isEmpty() ? null : config.model();
  }

  @Override
  public String name() {
    return EngineType.XINFERENCE.configName();
  }

  /** The uid requests go to: the configured one, or the last one launched here. */
  public Optional<String> modelUid() {
    return Optional.ofNullable(modelUid);
  }

  /**
   * Launches {@code spec} on {@code backend}, waits until Xinference serves it (at most
   * {@code readyTimeout}, else {@code TIMEOUT}) and makes it this engine's model.
   *
   * @return the model uid Xinference assigned
   */
  public Future<String> launch(ModelSpec spec, ModelSpec.Backend backend, Duration readyTimeout) {
    JsonObject request;
    try {
      request = spec.xinferenceLaunchRequest(backend);
    } catch (IllegalArgumentException unsupported) {
      return Future.failedFuture(new EngineException(EngineException.Kind.BAD_REQUEST, unsupported.getMessage()));
    }
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    return client.postJson("/v1/models?wait_ready=false", request)
        .compose(this::launchedUid)
        .compose(uid -> awaitReady(uid, deadline, pollInterval(readyTimeout), "not polled yet"))
        .map(uid -> {
          modelUid = uid;
          return uid;
        });
  }

  /** The models Xinference is running. */
  public Future<List<RunningModel>> list() {
    return client.getJson("/v1/models").compose(this::runningModels);
  }

  /** Stops a running model ({@code DELETE /v1/models/{uid}}). */
  public Future<Void> terminate(String uid) {
    return client.call(HttpMethod.DELETE, "/v1/models/" + encode(uid)).map(done -> {
      if (uid.equals(modelUid)) {
        modelUid = null;
      }
      return null;
    });
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    return sample(prompt, params, Deadline.none());
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    String uid = modelUid;
    if (uid == null) {
      return Future.failedFuture(new EngineException(EngineException.Kind.NOT_FOUND,
          "no Xinference model at " + client.endpoint() + ": configure a model uid or launch one"));
    }
    ApiMode mode = OpenAiProtocol.effectiveMode(config.mode(), prompt);
    return limiter.fanOut(params.n(), index -> one(mode, uid, prompt, params, index, deadline), deadline)
        .map(batches -> batches.stream().flatMap(List::stream).toList());
  }

  private Future<List<Completion>> one(ApiMode mode, String uid, Prompt prompt, SamplingParams params, int index,
      Deadline deadline) {
    OptionalLong seed = params.seed().isPresent() ? OptionalLong.of(params.seed().getAsLong() + index) : OptionalLong.empty();
    JsonObject body = OpenAiProtocol.body(mode, uid, prompt, params, OptionalLong.empty(), seed, false);
    long maxBytes = config.responseLimit(1, params.maxTokens());
    return client.postJson(OpenAiProtocol.path(mode), body, deadline, maxBytes).compose(answer -> {
      try {
        // Xinference answers one choice whatever n says; keep one in case a version honours it.
        return Future.succeededFuture(OpenAiProtocol.completions(mode, answer).subList(0, 1));
      } catch (IllegalArgumentException | ClassCastException wrongShape) {
        return Future.failedFuture(FailureClassifier.malformed(client.endpoint(), 200, wrongShape.getMessage(), wrongShape));
      }
    });
  }

  private Future<String> launchedUid(JsonObject answer) {
    Object uid = answer.getValue("model_uid");
    return uid instanceof String && !((String) uid).isEmpty()
        ? Future.succeededFuture((String) uid)
        : Future.failedFuture(FailureClassifier.malformed(client.endpoint(), 200, "launch answer has no model_uid: " + answer.encode(), null));
  }

  /** Polls the model's description until it answers, or the deadline passes. */
  private Future<String> awaitReady(String uid, long deadline, Duration interval, String lastProblem) {
    if (System.nanoTime() - deadline > 0) {
      return Future.failedFuture(new EngineException(EngineException.Kind.TIMEOUT, 0, RetryAfter.ABSENT,
          "Xinference model " + uid + " at " + client.endpoint() + " was not ready in time; last answer: " + lastProblem,
          null));
    }
    long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    return client.getJson("/v1/models/" + encode(uid))
        .timeout(remainingMillis, TimeUnit.MILLISECONDS)
        .map(description -> uid)
        .recover(notYet -> isRefusedKey(notYet)
            ? Future.failedFuture(notYet)
            : vertx.timer(interval.toMillis()).compose(tick -> awaitReady(uid, deadline, interval,
                notYet instanceof EngineException ? notYet.getMessage() : lastProblem)));
  }

  private static boolean isRefusedKey(Throwable failure) {
    return failure instanceof EngineException
        && ((EngineException) failure).kind() == EngineException.Kind.UNAUTHORIZED;
  }

  private Future<List<RunningModel>> runningModels(JsonObject answer) {
    try {
      JsonArray data = answer.getJsonArray("data");
      if (data == null) {
        throw new IllegalArgumentException("no data in the model list");
      }
      List<RunningModel> models = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        JsonObject model = data.getJsonObject(i);
        models.add(new RunningModel(
            model.getString("id"),
            model.getString("model_name", ""),
            model.getString("model_type", ""),
            sizeOf(model.getValue("model_size_in_billions")),
            model.getString("model_format", ""),
            String.valueOf(model.getValue("quantization", "")),
            model.getInteger("context_length", 0)));
      }
      return Future.succeededFuture(models);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException wrongShape) {
      return Future.failedFuture(FailureClassifier.malformed(client.endpoint(), 200, String.valueOf(wrongShape.getMessage()), wrongShape));
    }
  }

  /** Xinference reports sizes as numbers, or strings such as {@code "1_8"} for 1.8B; 0 if not whole. */
  private static int sizeOf(Object value) {
    if (value instanceof Number) {
      return ((Number) value).intValue();
    }
    try {
      return value == null ? 0 : Integer.parseInt(value.toString());
    } catch (NumberFormatException notWhole) {
      return 0;
    }
  }

  private static Duration pollInterval(Duration readyTimeout) {
    Duration fraction = readyTimeout.dividedBy(50);
    if (fraction.compareTo(MIN_POLL) < 0) {
      return MIN_POLL;
    }
    return fraction.compareTo(MAX_POLL) > 0 ? MAX_POLL : fraction;
  }

  private static String encode(String uid) {
    return URLEncoder.encode(uid, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
