package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.failure;
import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import dev.leanprove.orchestrator.standin.StandInModelServer.Route;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeded requests are asked of the model once; everything else goes to the model every time. */
@ExtendWith(VertxExtension.class)
final class SeededCompletionCacheTest {

  private static final String THEOREM = "mathd_algebra_478";
  private static final String MODEL = "openai http://stand-in deepseek";

  private StandInModelServer server;
  private EngineFactory factory;
  private SeededCompletionCache cache;
  private Engine engine;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = value(StandInModelServer.start(vertx));
    factory = new EngineFactory(vertx);
    server.script(THEOREM, TestPrompts.answer(THEOREM, "nlinarith"), TestPrompts.answer(THEOREM, "linarith"),
        TestPrompts.answer(THEOREM, "positivity"), TestPrompts.answer(THEOREM, "norm_num"));
    cache = new SeededCompletionCache(1L << 20);
    engine = cache.around(factory.openAi(EngineConfig.of(EngineType.OPENAI, server.endpoint(),
        StandInModelServer.SERVED_MODEL).withRequestTimeout(Duration.ofSeconds(5))), MODEL);
  }

  @AfterEach
  void stop() throws Exception {
    value(factory.close());
  }

  private static SamplingParams seeded(long seed) {
    return new SamplingParams(1, 1.0, 0.95, 2048, OptionalLong.of(seed), List.of());
  }

  @Test
  void sample_sameSeededRequestTwice_modelAskedOnceSameAnswer() throws Exception {
    List<Completion> first = value(engine.sample(TestPrompts.nonCot(THEOREM), seeded(42)));
    List<Completion> second = value(engine.sample(TestPrompts.nonCot(THEOREM), seeded(42)));

    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
    assertThat(second).isEqualTo(first);
    assertThat(first.get(0).text()).contains("nlinarith");
    assertThat(cache.stats().hitCount()).isEqualTo(1);
  }

  @Test
  void sample_noSeed_modelAskedEveryTime() throws Exception {
    SamplingParams unseeded = new SamplingParams(1, 1.0, 0.95, 2048, OptionalLong.empty(), List.of());

    List<Completion> first = value(engine.sample(TestPrompts.nonCot(THEOREM), unseeded));
    List<Completion> second = value(engine.sample(TestPrompts.nonCot(THEOREM), unseeded));

    assertThat(server.requests(Route.COMPLETIONS)).hasSize(2);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void sample_otherSeedPromptOrTemperature_askedAgain() throws Exception {
    value(engine.sample(TestPrompts.nonCot(THEOREM), seeded(42)));
    value(engine.sample(TestPrompts.nonCot(THEOREM), seeded(43)));
    value(engine.sample(TestPrompts.nonCot(THEOREM), new SamplingParams(1, 0.7, 0.95, 2048, OptionalLong.of(42), List.of())));
    value(engine.sample(TestPrompts.nonCot("amc12a_2019_p21"), seeded(42)));

    assertThat(server.requests(Route.COMPLETIONS)).hasSize(4);
    assertThat(cache.stats().hitCount()).isZero();
  }

  @Test
  void sample_otherModel_askedAgain() throws Exception {
    Engine other = cache.around(factory.openAi(EngineConfig.of(EngineType.OPENAI, server.endpoint(),
        StandInModelServer.SERVED_MODEL)), "openai http://stand-in deepseek-671b");

    value(engine.sample(TestPrompts.nonCot(THEOREM), seeded(42)));
    value(other.sample(TestPrompts.nonCot(THEOREM), seeded(42)));

    assertThat(server.requests(Route.COMPLETIONS)).hasSize(2);
  }

  @Test
  void sample_failedRequest_notRemembered() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.unavailable(), 1);

    failure(engine.sample(TestPrompts.nonCot(THEOREM), seeded(42)));
    List<Completion> retried = value(engine.sample(TestPrompts.nonCot(THEOREM), seeded(42)));

    assertThat(server.requests(Route.COMPLETIONS)).hasSize(2);
    assertThat(retried.get(0).text()).contains("lean4");
  }

  @Test
  void sample_noRoom_modelAskedEveryTime() throws Exception {
    Engine uncached = new SeededCompletionCache(0).around(factory.openAi(EngineConfig.of(EngineType.OPENAI,
        server.endpoint(), StandInModelServer.SERVED_MODEL)), MODEL);

    value(uncached.sample(TestPrompts.nonCot(THEOREM), seeded(42)));
    // Eviction runs on the thread that stored the answer, before this second request is made.
    value(uncached.sample(TestPrompts.nonCot(THEOREM), seeded(42)));

    assertThat(server.requests(Route.COMPLETIONS)).hasSize(2);
  }
}
