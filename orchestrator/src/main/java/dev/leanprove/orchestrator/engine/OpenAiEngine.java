package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An OpenAI-compatible server: vLLM (port 8000) or SGLang (port 30000).
 *
 * <p>One call is one request carrying {@code n}, so the server shares the prompt's prefix cache
 * across the samples. In completions mode the prompt is rendered with {@link ChatTemplate} and
 * sent with {@code add_special_tokens: false} so the model sees exactly one BOS; in chat mode the
 * messages go to {@code /v1/chat/completions} and the server applies the model's template.
 */
public final class OpenAiEngine implements Engine {

  private final EndpointClient client;
  private final EngineConfig config;
  private final RequestLimiter limiter;
  private volatile Future<String> model;

  public OpenAiEngine(Vertx vertx, HttpClient http, EngineConfig config) {
    this(new EndpointClient(vertx, http, config.requireEndpoint(), config.apiKey(), config.requestTimeout(),
        Clock.systemUTC()), config);
  }

  OpenAiEngine(EndpointClient client, EngineConfig config) {
    this.client = client;
    this.config = config;
    this.limiter = new RequestLimiter(config.maxInFlight());
    this.model = config.model().isEmpty() ? null : Future.succeededFuture(config.model());
  }

  @Override
  public String name() {
    return EngineType.OPENAI.configName();
  }

  /** The base URL this engine talks to. */
  public String endpoint() {
    return client.endpoint();
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    return sample(prompt, params, Deadline.none());
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    ApiMode mode = OpenAiProtocol.effectiveMode(config.mode(), prompt);
    long maxBytes = config.responseLimit(params.n(), params.maxTokens());
    return servedModel()
        .compose(id -> limiter.submit(() -> client.postJson(OpenAiProtocol.path(mode),
            OpenAiProtocol.body(mode, id, prompt, params, OptionalLong.of(params.n()), params.seed(), true),
            deadline, maxBytes), deadline))
        .compose(answer -> parse(mode, answer));
  }

  /** Requests holding or waiting for one of this engine's slots. */
  int occupiedSlots() {
    return limiter.occupied();
  }

  /** The ids of the models the server serves ({@code GET /v1/models}). */
  public Future<List<String>> models() {
    return client.getJson("/v1/models").compose(this::modelIds);
  }

  /** Succeeds when the server says it is healthy ({@code GET /health} answers 2xx). */
  public Future<Void> health() {
    return client.call(HttpMethod.GET, "/health");
  }

  private Future<String> servedModel() {
    Future<String> known = model;
    if (known != null && !known.failed()) {
      return known;
    }
    // No model configured: ask once which one the server serves, as vLLM has exactly one.
    Future<String> asked = models().compose(ids -> ids.isEmpty()
        ? Future.failedFuture(new EngineException(EngineException.Kind.NOT_FOUND, client.endpoint() + " serves no model"))
        : Future.succeededFuture(ids.get(0)));
    model = asked;
    return asked;
  }

  private Future<List<Completion>> parse(ApiMode mode, JsonObject answer) {
    try {
      return Future.succeededFuture(OpenAiProtocol.completions(mode, answer));
    } catch (IllegalArgumentException | ClassCastException wrongShape) {
      return Future.failedFuture(FailureClassifier.malformed(client.endpoint(), 200, wrongShape.getMessage(), wrongShape));
    }
  }

  private Future<List<String>> modelIds(JsonObject answer) {
    try {
      JsonArray data = answer.getJsonArray("data");
      if (data == null) {
        throw new IllegalArgumentException("no data in the model list");
      }
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        ids.add(data.getJsonObject(i).getString("id"));
      }
      return Future.succeededFuture(ids);
    } catch (IllegalArgumentException | ClassCastException wrongShape) {
      return Future.failedFuture(FailureClassifier.malformed(client.endpoint(), 200, wrongShape.getMessage(), wrongShape));
    }
  }
}
