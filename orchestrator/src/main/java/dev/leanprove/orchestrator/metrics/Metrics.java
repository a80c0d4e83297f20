package dev.leanprove.orchestrator.metrics;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.search.Attempt;
import dev.leanprove.orchestrator.search.SearchEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The process's meters, all under {@code leanprove_}: one Prometheus registry shared with Vert.x's
 * own HTTP and event-bus metrics, so one scrape shows the service, its Lean pool and its models.
 */
public final class Metrics {

  /**
   * Micrometer's logger for a meter registered again. Held here so that JUL keeps it, and with it the
   * filter below.
   */
  private static final Logger REGISTRY_LOG = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private final PrometheusMeterRegistry registry;
  private final String node;
  private final Map<List<String>, Gauge> gauges = new ConcurrentHashMap<>();

  /**
   * A registry whose meters all carry {@code node} (the cluster node, or "local"), so the
   * coordinator's and every worker's figures stay apart when Prometheus scrapes them all.
   */
  public Metrics(String node) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.node = node;
    registry.config().commonTags("node", node);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public PrometheusMeterRegistry prometheus() {
    return registry;
  }

  public String node() {
    return node;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Vert.x options whose HTTP server/client and event-bus metrics land in this registry. */
  public VertxBuilder vertxBuilder(VertxOptions options) {
    REGISTRY_LOG.setFilter(Metrics::notVertxReRegistration);
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false));
    return io.vertx.core.Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** Records one finished verification: how long Lean took and what it decided. */
  public void verified(ReasonCode reason, Duration wall) {
    Timer.builder("leanprove_verify_seconds")
        .description("Wall time of one verification (Lean run and judgement), by verdict")
        .tag("reason", reason.name())
        .publishPercentileHistogram()
        .register(registry)
        .record(wall);
  }

  /** Records one verification done by a cluster worker, as the coordinator saw it. */
  public void verifiedBy(String worker, ReasonCode reason, Duration wall) {
    Timer.builder("leanprove_cluster_verify_seconds")
        .description("Wall time of one verification sent to a cluster worker, by worker and verdict")
        .tags("worker", worker, "reason", reason.name())
        .register(registry)
        .record(wall);
  }

  /** Counts a verification sent again because its worker left or did not answer. */
  public void redispatched(String worker) {
    Counter.builder("leanprove_cluster_redispatched_total")
        .description("Verifications sent to another worker after theirs left or timed out")
        .tag("worker", worker)
        .register(registry)
        .increment();
  }

  /** Records one model request: latency, tokens produced and throughput, by endpoint. */
  public void modelAnswered(String endpoint, Duration latency, long completionTokens) {
    Timer.builder("leanprove_model_request_seconds")
        .description("Latency of one model request (all its samples), by endpoint")
        .tag("endpoint", endpoint)
        .publishPercentileHistogram()
        .register(registry)
        .record(latency);
    Counter.builder("leanprove_model_completion_tokens_total")
        .description("Completion tokens the model produced, by endpoint")
        .tag("endpoint", endpoint)
        .register(registry)
        .increment(completionTokens);
    double seconds = latency.toNanos() / 1e9;
    if (seconds > 0) {
      DistributionSummary.builder("leanprove_model_tokens_per_second")
          .description("Completion tokens per second of one model request, by endpoint")
          .tag("endpoint", endpoint)
          .register(registry)
          .record(completionTokens / seconds);
    }
  }

  /** Counts a model request that failed, by endpoint. */
  public void modelFailed(String endpoint) {
    Counter.builder("leanprove_model_failures_total")
        .description("Model requests that failed, by endpoint")
        .tag("endpoint", endpoint)
        .register(registry)
        .increment();
  }

  /** Passes every search event on, counting judged attempts by strategy and verdict on the way. */
  public Consumer<SearchEvent> counting(Consumer<SearchEvent> downstream) {
    return event -> {
      if (event instanceof SearchEvent.AttemptJudged) {
        Attempt a = ((SearchEvent.AttemptJudged) event).attempt();
        Counter.builder("leanprove_attempts_total")
            .description("Judged proof attempts, by strategy and verdict")
            .tags("strategy", a.strategy(), "verdict", a.verdict().name())
            .register(registry)
            .increment();
      }
      downstream.accept(event);
    };
  }

  /**
   * A gauge read from {@code value} at scrape time (pool occupancy, queue length, jobs in a state).
   * Registered again with the same name and tags (a cluster worker that left and joined again), it
   * reads the new source: Micrometer alone would keep reading the first one.
   */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value, String... tags) {
    List<String> key = new ArrayList<>(List.of(tags));
    key.add(0, name);
    gauges.compute(List.copyOf(key), (k, previous) -> {
      if (previous != null) {
        registry.remove(previous);
      }
      return Gauge.builder(name, source, value).description(description).tags(tags).strongReference(true).register(registry);
    });
  }

  /**
   * Vert.x registers its connection, request and pool gauges again for every new connection or
   * request and gets back the same counter each time, so the figures are right; Micrometer (1.13.9 on)
   * warns about it all the same (vertx-micrometer-metrics#259, micrometer#6931). Only those warnings
   * are dropped; a double registration of any other meter is still logged.
   */
  static boolean notVertxReRegistration(LogRecord record) {
    String message = record.getMessage();
    return message == null || !(message.contains("has been already registered (MeterId{name='vertx."));
  }

  /** A monotonic count read at scrape time (cache hits and misses kept by the cache itself). */
  public void counter(String name, String description, Supplier<Number> value, String... tags) {
    FunctionCounter.builder(name, value, v -> v.get().doubleValue()).description(description).tags(tags).register(registry);
  }
}
