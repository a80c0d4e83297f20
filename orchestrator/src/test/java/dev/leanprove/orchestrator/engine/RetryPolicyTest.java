package dev.leanprove.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class RetryPolicyTest {

  private static final RetryPolicy POLICY =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));

  private static EngineException failure(EngineException.Kind kind) {
    return new EngineException(kind, "test");
  }

  private static EngineException rateLimited(long retryAfterMillis) {
    return new EngineException(EngineException.Kind.RATE_LIMITED, 429, retryAfterMillis, "slow down", null);
  }

  @Test
  void shouldRetry_retryableKindsBelowMaxAttempts_isTrue() {
    for (EngineException.Kind kind : new EngineException.Kind[] {EngineException.Kind.RATE_LIMITED,
        EngineException.Kind.UNAVAILABLE, EngineException.Kind.CONNECTION, EngineException.Kind.TIMEOUT}) {
      assertThat(POLICY.shouldRetry(failure(kind), 1)).as(kind.name()).isTrue();
      assertThat(POLICY.shouldRetry(failure(kind), 4)).as(kind.name() + " after the last attempt").isFalse();
    }
  }

  @Test
  void shouldRetry_callerErrors_isFalse() {
    for (EngineException.Kind kind : new EngineException.Kind[] {EngineException.Kind.BAD_REQUEST,
        EngineException.Kind.UNAUTHORIZED, EngineException.Kind.NOT_FOUND, EngineException.Kind.CONTEXT_LENGTH,
        EngineException.Kind.CIRCUIT_OPEN, EngineException.Kind.MALFORMED_RESPONSE}) {
      assertThat(POLICY.shouldRetry(failure(kind), 1)).as(kind.name()).isFalse();
    }
  }

  @Test
  void delayMillis_noRetryAfter_isFullJitterUnderTheDoublingCeiling() {
    EngineException unavailable = failure(EngineException.Kind.UNAVAILABLE);

    assertThat(POLICY.delayMillis(1, unavailable, 0.0)).isZero();
    assertThat(POLICY.delayMillis(1, unavailable, 0.5)).isEqualTo(50);
    assertThat(POLICY.delayMillis(2, unavailable, 0.5)).isEqualTo(100);
    assertThat(POLICY.delayMillis(3, unavailable, 0.99)).isEqualTo(396);
    assertThat(POLICY.delayMillis(10, unavailable, 0.99)).as("capped by maxBackoff").isEqualTo(990);
  }

  @Test
  void delayMillis_retryAfter_isHonouredUpToTheCap() {
    assertThat(POLICY.delayMillis(1, rateLimited(1500), 0.0)).isEqualTo(1500);
    assertThat(POLICY.delayMillis(1, rateLimited(3_600_000), 0.0)).isEqualTo(5000);
  }

  @Test
  void none_neverRetries() {
    assertThat(RetryPolicy.none().shouldRetry(failure(EngineException.Kind.UNAVAILABLE), 1)).isFalse();
  }

  @Test
  void constructor_badValues_areRefusedWithTheValue() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBackoff");
  }
}
