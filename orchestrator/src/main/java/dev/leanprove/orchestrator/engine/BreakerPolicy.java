package dev.leanprove.orchestrator.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * When an endpoint's circuit opens and how long it stays open before one trial request.
 *
 * @param maxFailures consecutive server-side failures (unavailable, connection, timeout, rate
 *     limit) that open the circuit
 */
public record BreakerPolicy(int maxFailures, Duration resetTimeout) {

  public static final BreakerPolicy DEFAULT = new BreakerPolicy(8, Duration.ofSeconds(30));

  public BreakerPolicy {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
    }
    Objects.requireNonNull(resetTimeout, "resetTimeout");
    if (resetTimeout.isNegative() || resetTimeout.isZero()) {
      throw new IllegalArgumentException("resetTimeout must be positive: " + resetTimeout);
    }
  }
}
