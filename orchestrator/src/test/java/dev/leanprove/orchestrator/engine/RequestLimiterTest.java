package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class RequestLimiterTest {

  @Test
  void submit_beyondTheBound_waitsForAFreeSlotInOrder() throws Exception {
    RequestLimiter limiter = new RequestLimiter(2);
    List<Promise<String>> started = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(limiter.submit(() -> {
        Promise<String> request = Promise.promise();
        started.add(request);
        return request.future();
      }));
    }
    assertThat(started).hasSize(2);

    started.get(0).complete("first");
    assertThat(started).hasSize(3);
    started.get(1).fail(new IllegalStateException("second failed"));
    assertThat(started).hasSize(4);
    started.get(2).complete("third");
    started.get(3).complete("fourth");

    assertThat(value(results.get(0))).isEqualTo("first");
    assertThat(results.get(1).failed()).isTrue();
    assertThat(value(results.get(3))).isEqualTo("fourth");
  }

  @Test
  void submit_requestThatThrows_failsAndFreesItsSlot() throws Exception {
    RequestLimiter limiter = new RequestLimiter(1);

    Future<String> thrown = limiter.submit(() -> {
      throw new IllegalArgumentException("bad");
    });

    assertThat(thrown.failed()).isTrue();
    assertThat(value(limiter.submit(() -> Future.succeededFuture("next")))).isEqualTo("next");
  }

  @Test
  void fanOut_results_comeBackInIndexOrder() throws Exception {
    RequestLimiter limiter = new RequestLimiter(3);

    List<Integer> results = value(limiter.fanOut(5, index -> Future.succeededFuture(index * 10)));

    assertThat(results).containsExactly(0, 10, 20, 30, 40);
  }

  @Test
  void fanOut_oneFails_failsWithThatCause() throws Exception {
    RequestLimiter limiter = new RequestLimiter(2);
    IllegalStateException boom = new IllegalStateException("boom");

    Throwable failure = limiter.fanOut(3, index -> index == 1 ? Future.<Integer>failedFuture(boom) : Future.succeededFuture(index))
        .<Throwable>map(ok -> null).otherwise(cause -> cause).await(Outcomes.WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(failure).isSameAs(boom);
  }
}
