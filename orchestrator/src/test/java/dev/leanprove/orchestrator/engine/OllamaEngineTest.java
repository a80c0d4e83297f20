package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.failure;
import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import dev.leanprove.orchestrator.standin.StandInModelServer.RecordedRequest;
import dev.leanprove.orchestrator.standin.StandInModelServer.Route;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class OllamaEngineTest {

  private static final String THEOREM = "imo_1959_p1";

  private StandInModelServer server;
  private EngineFactory factory;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = value(StandInModelServer.start(vertx));
    factory = new EngineFactory(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    value(factory.close());
  }

  private EngineConfig config() {
    return EngineConfig.of(EngineType.OLLAMA, server.endpoint(), StandInModelServer.OLLAMA_MODEL)
        .withRequestTimeout(Duration.ofSeconds(5));
  }

  @Test
  void sample_streamedAnswer_accumulatesPiecesAndReadsCountsAndReason() throws Exception {
    String answer = TestPrompts.answer(THEOREM, "nlinarith [sq_nonneg (a - b)]");
    server.script(THEOREM, answer);
    Prompt prompt = TestPrompts.nonCot(THEOREM);

    List<Completion> completions = value(factory.ollama(config()).sample(prompt, SamplingParams.of(1, 4096)));

    assertThat(completions).containsExactly(new Completion(answer, "stop",
        StandInModelServer.tokens(ChatTemplate.render(prompt)), StandInModelServer.tokens(answer)));
  }

  @Test
  void sample_request_isRawStreamingWithTemplatedPromptAndOptions() throws Exception {
    Prompt prompt = TestPrompts.nonCot(THEOREM);
    SamplingParams params = new SamplingParams(1, 0.7, 0.9, 1024, OptionalLong.of(3), List.of("\n\n\n"));

    value(factory.ollama(config()).sample(prompt, params));

    JsonObject body = server.requests(Route.OLLAMA_GENERATE).get(0).json();
    assertThat(body.getString("model")).isEqualTo(StandInModelServer.OLLAMA_MODEL);
    assertThat(body.getString("prompt")).isEqualTo(ChatTemplate.render(prompt));
    assertThat(body.getBoolean("raw")).isTrue();
    assertThat(body.getBoolean("stream")).isTrue();
    assertThat(body.getJsonObject("options")).isEqualTo(new JsonObject().put("temperature", 0.7).put("top_p", 0.9)
        .put("num_predict", 1024).put("seed", 3L).put("stop", new JsonArray().add("\n\n\n")));
  }

  @Test
  void sample_cutByNumPredict_reportsLength() throws Exception {
    server.script(THEOREM, "y".repeat(200));

    List<Completion> completions = value(factory.ollama(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 5)));

    assertThat(completions.get(0).finishReason()).isEqualTo("length");
    assertThat(completions.get(0).text()).hasSize(20);
  }

  @Test
  void sample_nSamples_sendsNRequestsWithConsecutiveSeedsAtMostMaxInFlightAtOnce() throws Exception {
    server.script(THEOREM, "a", "b", "c", "d", "e").responseDelay(Duration.ofMillis(100));
    SamplingParams params = new SamplingParams(5, 1.0, 0.95, 64, OptionalLong.of(100), List.of());

    List<Completion> completions = value(factory.ollama(config().withMaxInFlight(2))
        .sample(TestPrompts.nonCot(THEOREM), params));

    List<RecordedRequest> sent = server.requests(Route.OLLAMA_GENERATE);
    assertThat(sent).hasSize(5);
    assertThat(sent).extracting(request -> request.json().getJsonObject("options").getLong("seed"))
        .containsExactlyInAnyOrder(100L, 101L, 102L, 103L, 104L);
    assertThat(server.maxConcurrentGenerations()).isEqualTo(2);
    assertThat(completions).extracting(Completion::text).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
  }

  @Test
  void sample_unknownModel_failsNotFoundWithOllamasMessage() throws Exception {
    EngineException error = failure(factory.ollama(config().withModel("llama9")).sample(TestPrompts.nonCot(THEOREM),
        SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.NOT_FOUND);
    assertThat(error.getMessage()).contains("model \"llama9\" not found, try pulling it first");
  }

  @Test
  void sample_streamStallsMidway_failsTimeout() throws Exception {
    server.inject(Route.OLLAMA_GENERATE, Fault.stallAfter(2), 1);

    EngineException error = failure(factory.ollama(config().withRequestTimeout(Duration.ofMillis(300)))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.TIMEOUT);
  }

  @Test
  void sample_errorLineMidStream_failsUnavailableWithTheMessage() throws Exception {
    server.inject(Route.OLLAMA_GENERATE, Fault.midStreamError("llama runner process has terminated"), 1);

    EngineException error = failure(factory.ollama(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    assertThat(error.getMessage()).contains("llama runner process has terminated");
  }

  @Test
  void sample_streamEndsWithoutDone_failsMalformedResponse() throws Exception {
    server.inject(Route.OLLAMA_GENERATE, Fault.truncatedStream(), 1);

    EngineException error = failure(factory.ollama(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).contains("done");
  }

  @Test
  void sample_lineThatIsNotJson_failsMalformedResponse() throws Exception {
    server.inject(Route.OLLAMA_GENERATE, Fault.malformedJson(), 1);

    EngineException error = failure(factory.ollama(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).contains("this is not json");
  }

  @Test
  void sample_serverOverloaded_failsUnavailable() throws Exception {
    server.inject(Route.OLLAMA_GENERATE, Fault.ollamaError(503, "server busy, please try again"), 1);

    EngineException error = failure(factory.ollama(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    assertThat(error.getMessage()).contains("server busy, please try again");
  }
}
