package dev.leanprove.orchestrator.engine;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds engines from their config, over one shared HTTP client, with one circuit breaker per
 * endpoint: a planner and a prover that share a server also share its breaker.
 *
 * <p>{@link #create} gives the full stack: {@link ContextGuard} outermost (a prompt that cannot fit
 * is refused before any attempt), then {@link ResilientEngine} (retries and breaker), then the
 * wire engine. No endpoint means no model: the {@link PortfolioEngine}.
 */
public final class EngineFactory {

  /** Connections per server: above any sensible {@code maxInFlight}, which is the real bound. */
  static final int MAX_CONNECTIONS_PER_SERVER = 64;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public EngineFactory(Vertx vertx) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS_PER_SERVER));
  }

  /** The engine the config describes, with guard, retries and breaker around it. */
  public Engine create(EngineConfig config) {
    if (config.type() == EngineType.PORTFOLIO || config.endpoint().isEmpty()) {
      return new PortfolioEngine();
    }
    Engine wire = switch (config.type()) {
      case OPENAI -> openAi(config);
      case XINFERENCE -> xinference(config);
      case OLLAMA -> ollama(config);
      case PORTFOLIO -> throw new IllegalStateException("the portfolio has no wire engine");
    };
    return decorate(config, wire);
  }

  /**
   * Wraps an engine built from this config in the guard, retries and the endpoint's breaker. The
   * first config that reaches an endpoint sets that breaker's policy.
   */
  public Engine decorate(EngineConfig config, Engine wire) {
    String endpoint = EndpointClient.normalize(config.requireEndpoint());
    CircuitBreaker breaker = breakers.computeIfAbsent(endpoint,
        key -> ResilientEngine.breakerFor(vertx, key, config.breaker()));
    Engine resilient = new ResilientEngine(vertx, wire, config.retry(), breaker, config.breaker().trialTimeout(), endpoint);
    return new ContextGuard(resilient, config.contextLength(), config.clampMaxTokens());
  }

  /** The bare OpenAI-compatible engine, for its {@code models()} and {@code health()} probes. */
  public OpenAiEngine openAi(EngineConfig config) {
    return new OpenAiEngine(vertx, http, config);
  }

  /** The bare Xinference engine, for {@code launch}, {@code list} and {@code terminate}. */
  public XinferenceEngine xinference(EngineConfig config) {
    return new XinferenceEngine(vertx, http, config);
  }

  public OllamaEngine ollama(EngineConfig config) {
    return new OllamaEngine(vertx, http, config);
  }

  /** Closes the breakers and the HTTP client; engines built here stop working. */
  public Future<Void> close() {
    List<CircuitBreaker> open = new ArrayList<>(breakers.values());
    breakers.clear();
    open.forEach(CircuitBreaker::close);
    return http.close();
  }
}
