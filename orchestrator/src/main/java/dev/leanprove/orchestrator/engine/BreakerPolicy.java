package dev.leanprove.orchestrator.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * When an endpoint's circuit opens and how long it stays open before one trial request.
 *
 * @param maxFailures consecutive server-side failures (unavailable, connection, timeout, rate
 *     limit) that open the circuit
 * @param trialTimeout how long the one trial request of a half-open circuit may take before it is
 *     aborted and counts as a failure; while it runs every other call fails {@code CIRCUIT_OPEN},
 *     so a hung trial must not hold the circuit for the whole request timeout
 */
public record BreakerPolicy(int maxFailures, Duration resetTimeout, Duration trialTimeout) {

  public static final Duration DEFAULT_TRIAL_TIMEOUT = Duration.ofMinutes(2);

  public static final BreakerPolicy DEFAULT = new BreakerPolicy(8, Duration.ofSeconds(30));

  /** A policy with the default trial timeout. */
  public BreakerPolicy(int maxFailures, Duration resetTimeout) {
    this(maxFailures, resetTimeout, DEFAULT_TRIAL_TIMEOUT);
  }

  public BreakerPolicy {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
    }
    Objects.requireNonNull(resetTimeout, "resetTimeout");
    if (resetTimeout.isNegative() || resetTimeout.isZero()) {
      throw new IllegalArgumentException("resetTimeout must be positive: " + resetTimeout);
    }
    Objects.requireNonNull(trialTimeout, "trialTimeout");
    if (trialTimeout.isNegative() || trialTimeout.isZero()) {
      throw new IllegalArgumentException("trialTimeout must be positive: " + trialTimeout);
    }
  }
}
