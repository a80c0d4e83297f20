package dev.leanprove.orchestrator.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CLI or config file says about one engine (one role: planner or prover).
 *
 * @param endpoint the server's base URL ({@code http://host:port}; a trailing {@code /v1} is
 *     accepted); empty means no model, so the portfolio is used
 * @param model the model to ask for: the served model id for openai (empty: the server's first
 *     model), the model uid for xinference (empty until {@link XinferenceEngine#launch} sets one),
 *     the model tag for ollama
 * @param apiKey sent as a bearer token when present
 * @param mode completions (our chat template) or chat (the server's); openai and xinference only
 * @param maxInFlight requests this engine keeps open at once, fan-out included
 * @param requestTimeout how long a request may go without receiving a byte before it fails with
 *     {@code TIMEOUT}; a non-streaming completion sends nothing until it is done, so this must
 *     cover a whole generation there
 * @param contextLength the model's context in tokens for the {@link ContextGuard}; 0 when unknown
 * @param clampMaxTokens let the guard shrink max_tokens to fit instead of refusing
 * @param maxResponseBytes the largest answer read from the server, in bytes; 0 sizes it from each
 *     request ({@link #responseLimit}): a longer answer is refused rather than held in memory
 */
public record EngineConfig(
    EngineType type,
    Optional<URI> endpoint,
    String model,
    Optional<String> apiKey,
    ApiMode mode,
    int maxInFlight,
    RetryPolicy retry,
    BreakerPolicy breaker,
    Duration requestTimeout,
    int contextLength,
    boolean clampMaxTokens,
    long maxResponseBytes) {

  public static final int DEFAULT_MAX_IN_FLIGHT = 8;

  /** Long enough for a 32K-token chain-of-thought completion on a busy server. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(15);

  /**
   * Bytes of answer allowed per requested token when the limit is sized from the request: a token
   * is a few characters, and JSON may escape a Lean symbol as six ASCII bytes.
   */
  public static final long RESPONSE_BYTES_PER_TOKEN = 16;

  /** Room for the answer's JSON around the completions (ids, usage, logprobs off). */
  public static final long RESPONSE_ENVELOPE_BYTES = 64 * 1024;

  /** The config as it was before response limits: the limit is sized from each request. */
  public EngineConfig(EngineType type, Optional<URI> endpoint, String model, Optional<String> apiKey, ApiMode mode,
      int maxInFlight, RetryPolicy retry, BreakerPolicy breaker, Duration requestTimeout, int contextLength,
      boolean clampMaxTokens) {
    this(type, endpoint, model, apiKey, mode, maxInFlight, retry, breaker, requestTimeout, contextLength,
        clampMaxTokens, 0);
  }

  public EngineConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    if (contextLength < 0) {
      throw new IllegalArgumentException("contextLength must not be negative: " + contextLength);
    }
    if (maxResponseBytes < 0) {
      throw new IllegalArgumentException("maxResponseBytes must not be negative: " + maxResponseBytes);
    }
    endpoint.ifPresent(EngineConfig::requireHttp);
  }

  /**
   * The largest answer to read for a request of {@code samples} completions of at most
   * {@code maxTokens} tokens each: the configured limit, or one sized from the request.
   */
  public long responseLimit(int samples, int maxTokens) {
    if (maxResponseBytes > 0) {
      return maxResponseBytes;
    }
    return RESPONSE_ENVELOPE_BYTES + (long) samples * maxTokens * RESPONSE_BYTES_PER_TOKEN;
  }

  public EngineConfig withMaxResponseBytes(long bytes) {
    return new EngineConfig(type, endpoint, model, apiKey, mode, maxInFlight, retry, breaker, requestTimeout,
        contextLength, clampMaxTokens, bytes);
  }

  /** No model: the tactic portfolio. */
  public static EngineConfig portfolio() {
    return new EngineConfig(EngineType.PORTFOLIO, Optional.empty(), "", Optional.empty(), ApiMode.COMPLETIONS,
        1, RetryPolicy.none(), BreakerPolicy.DEFAULT, DEFAULT_REQUEST_TIMEOUT, 0, false);
  }

  /**
   * A server engine with the defaults: completions mode for openai (our template, one BOS), chat
   * mode for xinference (it serves deepseek-prover-v2 as a chat model), the context length of the
   * seed-card model with that id when there is one.
   */
  public static EngineConfig of(EngineType type, URI endpoint, String model) {
    ApiMode mode = type == EngineType.XINFERENCE ? ApiMode.CHAT : ApiMode.COMPLETIONS;
    int context = ModelSpec.forModelId(model).map(ModelSpec::contextLength).orElse(0);
    return new EngineConfig(type, Optional.of(endpoint), model, Optional.empty(), mode, DEFAULT_MAX_IN_FLIGHT,
        RetryPolicy.DEFAULT, BreakerPolicy.DEFAULT, DEFAULT_REQUEST_TIMEOUT, context, false);
  }

  /** The same model served at another endpoint (one member of a balanced set). */
  public EngineConfig withEndpoint(URI newEndpoint) {
    return new EngineConfig(type, Optional.of(newEndpoint), model, apiKey, mode, maxInFlight, retry, breaker, requestTimeout,
        contextLength, clampMaxTokens);
  }

  public EngineConfig withModel(String newModel) {
    return new EngineConfig(type, endpoint, newModel, apiKey, mode, maxInFlight, retry, breaker, requestTimeout,
        contextLength, clampMaxTokens, maxResponseBytes);
  }

  public EngineConfig withApiKey(String key) {
    return new EngineConfig(type, endpoint, model, Optional.of(key), mode, maxInFlight, retry, breaker,
        requestTimeout, contextLength, clampMaxTokens, maxResponseBytes);
  }

  public EngineConfig withMode(ApiMode newMode) {
    return new EngineConfig(type, endpoint, model, apiKey, newMode, maxInFlight, retry, breaker, requestTimeout,
        contextLength, clampMaxTokens, maxResponseBytes);
  }

  public EngineConfig withMaxInFlight(int newMaxInFlight) {
    return new EngineConfig(type, endpoint, model, apiKey, mode, newMaxInFlight, retry, breaker, requestTimeout,
        contextLength, clampMaxTokens, maxResponseBytes);
  }

  public EngineConfig withRetry(RetryPolicy newRetry) {
    return new EngineConfig(type, endpoint, model, apiKey, mode, maxInFlight, newRetry, breaker, requestTimeout,
        contextLength, clampMaxTokens, maxResponseBytes);
  }

  public EngineConfig withBreaker(BreakerPolicy newBreaker) {
    return new EngineConfig(type, endpoint, model, apiKey, mode, maxInFlight, retry, newBreaker, requestTimeout,
        contextLength, clampMaxTokens, maxResponseBytes);
  }

  public EngineConfig withRequestTimeout(Duration newTimeout) {
    return new EngineConfig(type, endpoint, model, apiKey, mode, maxInFlight, retry, breaker, newTimeout,
        contextLength, clampMaxTokens, maxResponseBytes);
  }

  public EngineConfig withContextLength(int newContextLength, boolean clamp) {
    return new EngineConfig(type, endpoint, model, apiKey, mode, maxInFlight, retry, breaker, requestTimeout,
        newContextLength, clamp, maxResponseBytes);
  }

  /** The endpoint, which a server engine must have. */
  URI requireEndpoint() {
    return endpoint.orElseThrow(() -> new IllegalStateException("engine " + type.configName() + " needs an endpoint"));
  }

  private static void requireHttp(URI uri) {
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("endpoint has no host: " + uri);
    }
  }
}
