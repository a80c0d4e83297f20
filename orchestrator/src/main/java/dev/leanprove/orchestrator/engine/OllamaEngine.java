package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's native {@code POST /api/generate}, streamed as newline-delimited JSON.
 *
 * <p>Requests use {@code raw: true}: the text is already in the model's chat format
 * ({@link ChatTemplate}), so Ollama must not wrap it in its own template. The stream is read as it
 * arrives, so the request timeout is the longest silence between tokens, not the whole
 * generation. Ollama has no {@code n}: one call fans out {@code n} requests, at most
 * {@code maxInFlight} open at once, request {@code i} seeded with {@code seed + i}.
 */
public final class OllamaEngine implements Engine {

  static final String GENERATE_PATH = "/api/generate";

  private final EndpointClient client;
  private final EngineConfig config;
  private final RequestLimiter limiter;

  public OllamaEngine(Vertx vertx, HttpClient http, EngineConfig config) {
    this(new EndpointClient(vertx, http, config.requireEndpoint(), config.apiKey(), config.requestTimeout(),
        Clock.systemUTC()), config);
  }

  OllamaEngine(EndpointClient client, EngineConfig config) {
    if (config.model().isEmpty()) {
      throw new IllegalArgumentException("ollama needs a model tag, e.g. a DeepSeek-Prover-V2 7B GGUF");
    }
    this.client = client;
    this.config = config;
    this.limiter = new RequestLimiter(config.maxInFlight());
  }

  @Override
  public String name() {
    return EngineType.OLLAMA.configName();
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    return sample(prompt, params, Deadline.none());
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    String text = ChatTemplate.render(prompt);
    return limiter.fanOut(params.n(), index -> generate(text, params, index, deadline), deadline);
  }

  private Future<Completion> generate(String text, SamplingParams params, int index, Deadline deadline) {
    Generation generation = new Generation(config.responseLimit(1, params.maxTokens()));
    return client.streamJsonLines(GENERATE_PATH, body(text, params, index), generation::accept, deadline)
        .compose(end -> generation.completion());
  }

  private JsonObject body(String text, SamplingParams params, int index) {
    JsonObject options = new JsonObject()
        .put("temperature", params.temperature())
        .put("top_p", params.topP())
        .put("num_predict", params.maxTokens());
    params.seed().ifPresent(seed -> options.put("seed", seed + index));
    if (!params.stop().isEmpty()) {
      options.put("stop", new JsonArray(new ArrayList<>(params.stop())));
    }
    return new JsonObject()
        .put("model", config.model())
        .put("prompt", text)
        .put("raw", true)
        .put("stream", true)
        .put("options", options);
  }

  /** One generation's stream: text so far, and the final object once {@code done} arrives. */
  private final class Generation {
    private final StringBuilder text = new StringBuilder();
    private final long maxChars;
    private JsonObject last;

    Generation(long maxChars) {
      this.maxChars = maxChars;
    }

    void accept(JsonObject line) {
      if (last != null) {
        return;
      }
      Object error = line.getValue("error");
      if (error != null) {
        // A 200 stream that fails midway (the runner died, out of memory): the server's fault.
        throw new EngineException(EngineException.Kind.UNAVAILABLE, 200, RetryAfter.ABSENT,
            client.endpoint() + " failed while generating: " + error, null);
      }
      Object piece = line.getValue("response");
      if (piece instanceof String) {
        if (text.length() + (long) ((String) piece).length() > maxChars) {
          // Thrown from the line handler: the stream is reset, nothing more is read.
          throw FailureClassifier.malformed(client.endpoint(), 200, "the generation is longer than " + maxChars
              + " characters, more than the requested num_predict can produce; refused without reading the rest", null);
        }
        text.append((String) piece);
      }
      if (Boolean.TRUE.equals(line.getValue("done"))) {
        last = line;
      }
    }

    Future<Completion> completion() {
      if (last == null) {
        return Future.failedFuture(FailureClassifier.malformed(client.endpoint(), 200,
            "stream ended before an object with \"done\": true", null));
      }
      try {
        String reason = last.getString("done_reason", "stop");
        return Future.succeededFuture(new Completion(text.toString(), reason,
            last.getInteger("prompt_eval_count", 0), last.getInteger("eval_count", 0)));
      } catch (ClassCastException wrongShape) {
        return Future.failedFuture(FailureClassifier.malformed(client.endpoint(), 200, wrongShape.getMessage(), wrongShape));
      }
    }
  }
}
