package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.failure;
import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import dev.leanprove.orchestrator.standin.StandInModelServer.RecordedRequest;
import dev.leanprove.orchestrator.standin.StandInModelServer.Route;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class ResilientEngineTest {

  private static final String THEOREM = "mathd_numbertheory_3";
  private static final RetryPolicy QUICK_RETRIES =
      new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3));

  private Vertx vertx;
  private StandInModelServer server;
  private EngineFactory factory;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = value(StandInModelServer.start(vertx)).script(THEOREM, "the proof");
    factory = new EngineFactory(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    value(factory.close());
  }

  private EngineConfig config() {
    return EngineConfig.of(EngineType.OPENAI, server.endpoint(), StandInModelServer.SERVED_MODEL)
        .withRequestTimeout(Duration.ofSeconds(5))
        .withRetry(QUICK_RETRIES)
        .withBreaker(new BreakerPolicy(20, Duration.ofSeconds(30)));
  }

  private static Future<List<Completion>> ask(Engine engine) {
    return engine.sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 64));
  }

  private static long millisBetween(RecordedRequest first, RecordedRequest second) {
    return (second.receivedNanos() - first.receivedNanos()) / 1_000_000;
  }

  @Test
  void sample_rateLimitedWithRetryAfter_waitsTheServersDelayThenSucceeds() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.rateLimited("1"), 1);

    List<Completion> completions = value(ask(factory.create(config())));

    assertThat(completions).extracting(Completion::text).containsExactly("the proof");
    List<RecordedRequest> sent = server.requests(Route.COMPLETIONS);
    assertThat(sent).hasSize(2);
    assertThat(millisBetween(sent.get(0), sent.get(1))).as("waited the Retry-After second").isGreaterThanOrEqualTo(950);
  }

  @Test
  void sample_retryAfterAboveTheCap_waitsOnlyTheCap() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.rateLimited("3600"), 1);
    RetryPolicy capped = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(200));

    value(ask(factory.create(config().withRetry(capped))));

    List<RecordedRequest> sent = server.requests(Route.COMPLETIONS);
    assertThat(sent).hasSize(2);
    assertThat(millisBetween(sent.get(0), sent.get(1))).isBetween(180L, 5000L);
  }

  @Test
  void sample_unavailableTwiceThenAnswers_retriesUntilItSucceeds() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.unavailable(), 2);

    List<Completion> completions = value(ask(factory.create(config())));

    assertThat(completions).extracting(Completion::text).containsExactly("the proof");
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(3);
  }

  @Test
  void sample_alwaysUnavailable_givesUpAfterMaxAttempts() throws Exception {
    server.injectAlways(Route.COMPLETIONS, Fault.unavailable());

    EngineException error = failure(ask(factory.create(config())));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(QUICK_RETRIES.maxAttempts());
  }

  @Test
  void sample_stalledOnceThenAnswers_retriesAfterTheTimeout() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.stall(), 1);

    List<Completion> completions = value(ask(factory.create(config().withRequestTimeout(Duration.ofMillis(300)))));

    assertThat(completions).extracting(Completion::text).containsExactly("the proof");
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(2);
  }

  @Test
  void sample_connectionResetOnce_retriesAndSucceeds() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.reset(), 1);

    value(ask(factory.create(config())));

    assertThat(server.requests(Route.COMPLETIONS)).hasSize(2);
  }

  @Test
  void sample_serverDown_retriesThenFailsConnection() throws Exception {
    EngineConfig config = config();
    value(server.close());
    AtomicInteger attempts = new AtomicInteger();
    Engine wire = factory.openAi(config);
    Engine counting = new CountingEngine(wire, attempts);
    Engine engine = factory.decorate(config, counting);

    EngineException error = failure(ask(engine));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONNECTION);
    assertThat(attempts).hasValue(QUICK_RETRIES.maxAttempts());
  }

  @Test
  void sample_badRequest_isNotRetried() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.badRequest("stop must be a list"), 1);

    assertThat(failure(ask(factory.create(config()))).kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_unauthorized_isNotRetried() throws Exception {
    server.requireApiKey("right");

    assertThat(failure(ask(factory.create(config().withApiKey("wrong")))).kind())
        .isEqualTo(EngineException.Kind.UNAUTHORIZED);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_modelNotFound_isNotRetried() throws Exception {
    assertThat(failure(ask(factory.create(config().withModel("missing")))).kind())
        .isEqualTo(EngineException.Kind.NOT_FOUND);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_contextLengthRefusal_isNotRetried() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.contextLength(32768, 30000, 4000), 1);

    assertThat(failure(ask(factory.create(config()))).kind()).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_malformedAnswer_isNotRetried() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.malformedJson(), 1);

    assertThat(failure(ask(factory.create(config()))).kind()).isEqualTo(EngineException.Kind.MALFORMED_RESPONSE);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_repeatedServerFailures_openTheCircuitAndLaterCallsFailFast() throws Exception {
    server.injectAlways(Route.COMPLETIONS, Fault.unavailable());
    Engine engine = factory.create(config().withRetry(RetryPolicy.none()).withBreaker(new BreakerPolicy(3, Duration.ofSeconds(30))));
    for (int i = 0; i < 3; i++) {
      assertThat(failure(ask(engine)).kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    }

    EngineException error = failure(ask(engine));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
    assertThat(error.getMessage()).contains(server.endpoint().toString());
    assertThat(server.requests(Route.COMPLETIONS)).as("the open circuit sent nothing").hasSize(3);
  }

  @Test
  void sample_openCircuit_isSharedByEnginesOfTheSameEndpoint() throws Exception {
    server.injectAlways(Route.COMPLETIONS, Fault.unavailable());
    EngineConfig config = config().withRetry(RetryPolicy.none()).withBreaker(new BreakerPolicy(2, Duration.ofSeconds(30)));
    Engine planner = factory.create(config);
    Engine prover = factory.create(config.withMode(ApiMode.CHAT));
    failure(ask(planner));
    failure(ask(planner));

    assertThat(failure(ask(prover)).kind()).isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
    assertThat(server.requests(Route.CHAT)).isEmpty();
  }

  @Test
  void sample_callerErrors_doNotOpenTheCircuit() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.badRequest("nope"), 5);
    Engine engine = factory.create(config().withRetry(RetryPolicy.none()).withBreaker(new BreakerPolicy(2, Duration.ofSeconds(30))));
    for (int i = 0; i < 5; i++) {
      assertThat(failure(ask(engine)).kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    }

    assertThat(value(ask(engine))).extracting(Completion::text).containsExactly("the proof");
  }

  @Test
  void sample_afterTheResetTimeout_letsATrialThroughAndClosesOnSuccess() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.unavailable(), 2);
    Engine engine = factory.create(config().withRetry(RetryPolicy.none())
        .withBreaker(new BreakerPolicy(2, Duration.ofMillis(300))));
    failure(ask(engine));
    failure(ask(engine));
    assertThat(failure(ask(engine)).kind()).isEqualTo(EngineException.Kind.CIRCUIT_OPEN);

    value(vertx.timer(450));

    assertThat(value(ask(engine))).extracting(Completion::text).containsExactly("the proof");
    assertThat(value(ask(engine))).extracting(Completion::text).containsExactly("the proof");
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(4);
  }

  @Test
  void breakerFor_connectionFailures_openTheBreakerAtMaxFailures() throws Exception {
    CircuitBreaker breaker = ResilientEngine.breakerFor(vertx, "http://down", new BreakerPolicy(2, Duration.ofSeconds(30)));
    Engine engine = new ResilientEngine(vertx, new DownEngine(), RetryPolicy.none(), breaker, "http://down");

    failure(ask(engine));
    assertThat(breaker.state()).isEqualTo(CircuitBreakerState.CLOSED);
    failure(ask(engine));

    assertThat(breaker.state()).isEqualTo(CircuitBreakerState.OPEN);
    breaker.close();
  }

  /** An engine whose server cannot be reached. */
  @Test
  void sample_retryAfterLongerThanTheTimeLeft_givesUpAtOnceWithTheReason() throws Exception {
    server.injectAlways(Route.COMPLETIONS, Fault.rateLimited("3600"));
    RetryPolicy patient = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofHours(2));

    EngineException error = failure(factory.create(config().withRetry(patient))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 64), Deadline.after(Duration.ofSeconds(20))));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.RATE_LIMITED);
    assertThat(error.getMessage()).contains("not retried").contains("exceeds the");
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_abandonedDuringTheRetryWait_failsAbandonedWithoutAnotherAttempt() throws Exception {
    server.injectAlways(Route.COMPLETIONS, Fault.rateLimited("30"));
    RetryPolicy patient = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(5));
    Deadline deadline = Deadline.after(Duration.ofHours(1));

    Future<List<Completion>> answer = factory.create(config().withRetry(patient))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 64), deadline);
    OpenAiEngineTest.awaitTrue(() -> server.requests(Route.COMPLETIONS).size() == 1);
    deadline.abandon();

    assertThat(failure(answer).kind()).isEqualTo(EngineException.Kind.ABANDONED);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void sample_halfOpenTrialHangs_trialIsAbortedAndTheCircuitRecovers() throws Exception {
    EngineConfig quickBreaker = config().withRetry(RetryPolicy.none()).withRequestTimeout(Duration.ofMinutes(5))
        .withBreaker(new BreakerPolicy(1, Duration.ofMillis(200), Duration.ofMillis(500)));
    Engine engine = factory.create(quickBreaker);
    server.inject(Route.COMPLETIONS, Fault.unavailable(), 1);
    assertThat(failure(ask(engine)).kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    server.inject(Route.COMPLETIONS, Fault.stall(), 1);
    Thread.sleep(300);

    EngineException trial = failure(ask(engine));

    assertThat(trial.kind()).isEqualTo(EngineException.Kind.TIMEOUT);
    assertThat(trial.getMessage()).contains("trial request");
    OpenAiEngineTest.awaitTrue(() -> server.openConnections() == 0);
    Thread.sleep(300);
    assertThat(value(ask(engine))).extracting(Completion::text).containsExactly("the proof");
  }

  private static final class DownEngine implements Engine {
    @Override
    public String name() {
      return "down";
    }

    @Override
    public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
      return Future.failedFuture(new EngineException(EngineException.Kind.CONNECTION, "connection refused"));
    }
  }

  /** Counts the attempts that reach the wire engine. */
  private static final class CountingEngine implements Engine {
    private final Engine delegate;
    private final AtomicInteger attempts;

    CountingEngine(Engine delegate, AtomicInteger attempts) {
      this.delegate = delegate;
      this.attempts = attempts;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
      attempts.incrementAndGet();
      return delegate.sample(prompt, params);
    }
  }
}
