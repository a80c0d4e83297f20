package dev.leanprove.orchestrator.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How often and how patiently a failed model request is repeated.
 *
 * <p>Only failures whose {@link EngineException.Kind#isRetryable() kind is retryable} are repeated
 * (rate limits, unavailable servers, connection failures, timeouts); a bad request, a refused
 * key, an unknown model or a prompt over the context length fails at once. Between attempts the
 * wait is the server's Retry-After when it sent one (capped by {@code maxRetryAfter}, so a server
 * cannot park a proof search for an hour), otherwise exponential backoff with full jitter: a
 * uniform draw from {@code [0, min(maxBackoff, initialBackoff * 2^(attempt-1))]}, which spreads
 * the retries of many parallel searches instead of having them hit the server together.
 *
 * @param maxAttempts attempts in total, the first one included; 1 means no retry
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    requireNotNegative(initialBackoff, "initialBackoff");
    requireNotNegative(maxBackoff, "maxBackoff");
    requireNotNegative(maxRetryAfter, "maxRetryAfter");
  }

  /** A policy that never retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** Whether to try again after {@code attemptsMade} attempts, the last of which failed so. */
  public boolean shouldRetry(EngineException failure, int attemptsMade) {
    return attemptsMade < maxAttempts && failure.kind().isRetryable();
  }

  /**
   * How long to wait before the next attempt.
   *
   * @param attemptsMade attempts so far, at least 1
   * @param uniform a random draw from [0, 1), injected so tests can pin the jitter
   */
  public long delayMillis(int attemptsMade, EngineException failure, double uniform) {
    OptionalInt retryAfter = failure.retryAfterMillis();
    if (retryAfter.isPresent()) {
      return Math.min(retryAfter.getAsInt(), maxRetryAfter.toMillis());
    }
    int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
    long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << doublings);
    if (initialBackoff.toMillis() > 0 && ceiling < initialBackoff.toMillis()) {
      ceiling = maxBackoff.toMillis();
    }
    return (long) (Math.max(0.0, Math.min(uniform, 1.0)) * ceiling);
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }
}
