package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.failure;
import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import dev.leanprove.orchestrator.standin.StandInModelServer.Route;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class BalancedEngineTest {

  private static final String THEOREM = "mathd_numbertheory_3";
  private static final RetryPolicy ONE_TRY = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1));

  private StandInModelServer first;
  private StandInModelServer second;
  private EngineFactory factory;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    first = value(StandInModelServer.start(vertx)).script(THEOREM, "from the first");
    second = value(StandInModelServer.start(vertx)).script(THEOREM, "from the second");
    factory = new EngineFactory(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    value(factory.close());
    value(first.close());
    value(second.close());
  }

  private Engine engine(StandInModelServer server) {
    return factory.create(EngineConfig.of(EngineType.OPENAI, server.endpoint(), StandInModelServer.SERVED_MODEL)
        .withRequestTimeout(Duration.ofSeconds(5)).withRetry(ONE_TRY).withBreaker(new BreakerPolicy(20, Duration.ofSeconds(30))));
  }

  private static Future<List<Completion>> ask(Engine engine) {
    return engine.sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 64));
  }

  @Test
  void sample_bothHealthy_spreadsRequestsOverBothEndpoints() throws Exception {
    BalancedEngine balanced = new BalancedEngine(List.of(engine(first), engine(second)));

    // Two requests in flight at once: the second goes where fewer are in flight.
    value(Future.all(ask(balanced), ask(balanced)));

    assertThat(first.requests(Route.COMPLETIONS)).hasSize(1);
    assertThat(second.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_firstEndpointDown_isAnsweredByTheSecondAndTheFirstCoolsDown() throws Exception {
    first.injectAlways(Route.COMPLETIONS, Fault.unavailable());
    BalancedEngine balanced = new BalancedEngine(List.of(engine(first), engine(second)));

    List<Completion> answer = value(ask(balanced));
    for (int i = 0; i < 3; i++) {
      value(ask(balanced));
    }

    assertThat(answer).extracting(Completion::text).containsExactly("from the second");
    assertThat(first.requests(Route.COMPLETIONS)).as("tried once, then passed over while cooling down").hasSize(1);
    assertThat(second.requests(Route.COMPLETIONS)).hasSize(4);
  }

  @Test
  void sample_requestItselfRejected_failsAtOnceWithoutTryingTheOthers() throws Exception {
    first.injectAlways(Route.COMPLETIONS, Fault.contextLength(32768, 40000, 16384));
    second.injectAlways(Route.COMPLETIONS, Fault.contextLength(32768, 40000, 16384));
    BalancedEngine balanced = new BalancedEngine(List.of(engine(first), engine(second)));

    Throwable e = failure(ask(balanced));

    assertThat(e).isInstanceOf(EngineException.class);
    assertThat(((EngineException) e).kind()).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    assertThat(first.requests(Route.COMPLETIONS).size() + second.requests(Route.COMPLETIONS).size()).isEqualTo(1);
  }

  @Test
  void sample_allEndpointsDown_failsWithTheLastEndpointsError() throws Exception {
    first.injectAlways(Route.COMPLETIONS, Fault.unavailable());
    second.injectAlways(Route.COMPLETIONS, Fault.unavailable());
    BalancedEngine balanced = new BalancedEngine(List.of(engine(first), engine(second)));

    Throwable e = failure(ask(balanced));

    assertThat(((EngineException) e).kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    assertThat(first.requests(Route.COMPLETIONS)).hasSize(1);
    assertThat(second.requests(Route.COMPLETIONS)).hasSize(1);
  }
}
