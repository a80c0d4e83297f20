package dev.leanprove.orchestrator.engine;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
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
  private final Duration trialTimeout;
  private final String endpoint;
  private final DoubleSupplier jitter;

  /**
   * @param breaker the endpoint's breaker, shared by every engine that talks to that endpoint;
   *     create it with {@link #breakerFor}
   */
  public ResilientEngine(Vertx vertx, Engine delegate, RetryPolicy policy, CircuitBreaker breaker, String endpoint) {
    this(vertx, delegate, policy, breaker, BreakerPolicy.DEFAULT_TRIAL_TIMEOUT, endpoint);
  }

  /** @param trialTimeout the longest a half-open circuit's trial request may run ({@link BreakerPolicy#trialTimeout}) */
  public ResilientEngine(Vertx vertx, Engine delegate, RetryPolicy policy, CircuitBreaker breaker, Duration trialTimeout,
      String endpoint) {
    this(vertx, delegate, policy, breaker, trialTimeout, endpoint, () -> ThreadLocalRandom.current().nextDouble());
  }

  ResilientEngine(Vertx vertx, Engine delegate, RetryPolicy policy, CircuitBreaker breaker, Duration trialTimeout,
      String endpoint, DoubleSupplier jitter) {
    this.vertx = vertx;
    this.delegate = delegate;
    this.policy = policy;
    this.breaker = breaker;
    this.trialTimeout = trialTimeout;
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
    return sample(prompt, params, Deadline.none());
  }

  /**
   * Samples with retries that fit the caller's deadline: a retry whose wait would outlast it is not
   * made (the last failure is returned at once), a wait ends early when the caller gives up, and a
   * request the caller abandoned is never retried.
   */
  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    return attempt(prompt, params, deadline, 1);
  }

  private Future<List<Completion>> attempt(Prompt prompt, SamplingParams params, Deadline deadline, int number) {
    if (deadline.isAbandoned()) {
      return Future.failedFuture(abandoned(null));
    }
    return breaker.<List<Completion>>execute(() -> breaker.state() == CircuitBreakerState.HALF_OPEN
            ? trial(prompt, params, deadline)
            : delegate.sample(prompt, params, deadline))
        .recover(failure -> {
          if (deadline.isAbandoned()) {
            return Future.failedFuture(abandoned(failure));
          }
          EngineException problem = FailureClassifier.fromThrowable(endpoint, failure);
          if (!policy.shouldRetry(problem, number)) {
            return Future.failedFuture(problem);
          }
          long wait = policy.delayMillis(number, problem, jitter.getAsDouble());
          long left = deadline.remainingMillis();
          if (wait >= left) {
            return Future.failedFuture(new EngineException(problem.kind(), problem.httpStatus(), RetryAfter.ABSENT,
                problem.getMessage() + " (not retried: the wait of " + wait + " ms before the next attempt exceeds the "
                    + left + " ms left of the time budget)", problem));
          }
          return pause(wait, deadline).compose(resume -> attempt(prompt, params, deadline, number + 1));
        });
  }

  /**
   * The one request a half-open circuit lets through. It is aborted after the trial timeout and
   * then counts as a server failure, so the circuit opens again and retries later instead of
   * refusing every call for as long as a hung request could last.
   */
  private Future<List<Completion>> trial(Prompt prompt, SamplingParams params, Deadline deadline) {
    Deadline trialDeadline = Deadline.after(Duration.ofMillis(
        Math.min(trialTimeout.toMillis(), deadline.remainingMillis())));
    deadline.abandoned().onComplete(gone -> trialDeadline.abandon());
    java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
    long timer = vertx.setTimer(Math.max(1, trialTimeout.toMillis()), fired -> {
      timedOut.set(true);
      trialDeadline.abandon();
    });
    return delegate.sample(prompt, params, trialDeadline)
        .andThen(done -> vertx.cancelTimer(timer))
        .recover(failure -> Future.failedFuture(timedOut.get()
            ? new EngineException(EngineException.Kind.TIMEOUT, 0, RetryAfter.ABSENT, "the circuit's trial request to "
                + endpoint + " did not finish within " + trialTimeout.toMillis() + " ms; the circuit stays open", failure)
            : failure));
  }

  private EngineException abandoned(Throwable cause) {
    if (cause instanceof EngineException && ((EngineException) cause).kind() == EngineException.Kind.ABANDONED) {
      return (EngineException) cause;
    }
    return new EngineException(EngineException.Kind.ABANDONED, 0, RetryAfter.ABSENT,
        "request to " + endpoint + " abandoned: the caller gave up (cancelled or out of time)", cause);
  }

  /** Waits between attempts on a timer; ends early, failed, when the caller gives up. */
  private Future<Void> pause(long millis, Deadline deadline) {
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> waited = Promise.promise();
    long timer = vertx.setTimer(millis, fired -> waited.tryComplete());
    deadline.abandoned().onComplete(gone -> {
      vertx.cancelTimer(timer);
      waited.tryFail(abandoned(null));
    });
    return waited.future();
  }

  private static boolean countsAgainstServer(Throwable failure) {
    return !(failure instanceof EngineException) || ((EngineException) failure).kind().isRetryable();
  }
}
