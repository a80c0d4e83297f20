package dev.leanprove.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Waits for futures in test threads, with a bound so a hung request fails the test instead of the build. */
final class Outcomes {

  static final long WAIT_SECONDS = 10;

  private Outcomes() {}

  /** The value of a future that must succeed. */
  static <T> T value(Future<T> future) throws Exception {
    return future.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** The EngineException a future must fail with. */
  static EngineException failure(Future<?> future) throws Exception {
    Throwable failure = future.<Throwable>map(unexpected -> null).otherwise(cause -> cause).await(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(failure).as("the future should have failed").isInstanceOf(EngineException.class);
    return (EngineException) failure;
  }
}
