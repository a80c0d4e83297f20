package dev.leanprove.orchestrator.engine;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Adds retries ({@link RetryPolicy}) and the endpoint's circuit breaker to an engine.
 *
 * <p>Every attempt passes through the breaker; only failures that say the server is in trouble
 * (rate limited, unavailable, unreachable, timed out) count against it, so a stream of bad
 * requests does not shut an endpoint that works. While the circuit is open, calls fail at once with
 * {@code CIRCUIT_OPEN}, which is not retried: the caller learns quickly that the model is gone.
 * Waits between attempts are Vert.x timers, never a parked thread.
 */
public final class ResilientEngine implements Engine {

  private final Vertx vertx;
  private final Engine delegate;
  private final RetryPolicy policy;
  private final CircuitBreaker breaker;
  private final String endpoint;
  private final DoubleSupplier jitter;

  /**
   * @param breaker the endpoint's breaker, shared by every engine that talks to that endpoint;
   *     create it with {@link #breakerFor}
   */
  public ResilientEngine(Vertx vertx, Engine delegate, RetryPolicy policy, CircuitBreaker breaker, String endpoint) {
    this(vertx, delegate, policy, breaker, endpoint, () -> ThreadLocalRandom.current().nextDouble());
  }

  ResilientEngine(Vertx vertx, Engine delegate, RetryPolicy policy, CircuitBreaker breaker, String endpoint,
      DoubleSupplier jitter) {
    this.vertx = vertx;
    this.delegate = delegate;
    this.policy = policy;
    this.breaker = breaker;
    this.endpoint = endpoint;
    this.jitter = jitter;
  }

  /**
   * A breaker for one endpoint: opens after {@code policy.maxFailures()} server-side failures,
   * stays open {@code policy.resetTimeout()}, has no timeout of its own (the request timeout is the
   * engine's) and publishes nothing on the event bus.
   */
  public static CircuitBreaker breakerFor(Vertx vertx, String endpoint, BreakerPolicy policy) {
    CircuitBreaker breaker = CircuitBreaker.create("engine " + endpoint, vertx, new CircuitBreakerOptions()
        .setMaxFailures(policy.maxFailures())
        .setResetTimeout(policy.resetTimeout().toMillis())
        .setTimeout(-1)
        .setFallbackOnFailure(false)
        .setNotificationAddress(null));
    return breaker.failurePolicy(outcome -> outcome.failed() && countsAgainstServer(outcome.cause()));
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    return attempt(prompt, params, 1);
  }

  private Future<List<Completion>> attempt(Prompt prompt, SamplingParams params, int number) {
    return breaker.<List<Completion>>execute(() -> delegate.sample(prompt, params))
        .recover(failure -> {
          EngineException problem = FailureClassifier.fromThrowable(endpoint, failure);
          if (!policy.shouldRetry(problem, number)) {
            return Future.failedFuture(problem);
          }
          long wait = policy.delayMillis(number, problem, jitter.getAsDouble());
          return pause(wait).compose(resume -> attempt(prompt, params, number + 1));
        });
  }

  private Future<Void> pause(long millis) {
    return millis <= 0 ? Future.succeededFuture() : vertx.timer(millis).mapEmpty();
  }

  private static boolean countsAgainstServer(Throwable failure) {
    return !(failure instanceof EngineException) || ((EngineException) failure).kind().isRetryable();
  }
}
