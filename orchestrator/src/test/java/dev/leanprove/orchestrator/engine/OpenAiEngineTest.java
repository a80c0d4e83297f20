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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class OpenAiEngineTest {

  private static final String THEOREM = "mathd_algebra_478";

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
    return EngineConfig.of(EngineType.OPENAI, server.endpoint(), StandInModelServer.SERVED_MODEL)
        .withRequestTimeout(Duration.ofSeconds(5));
  }

  @Test
  void sample_completionsMode_sendsOneRequestWithNAndTheTemplatedPrompt() throws Exception {
    server.script(THEOREM, TestPrompts.answer(THEOREM, "nlinarith"), TestPrompts.answer(THEOREM, "linarith"),
        TestPrompts.answer(THEOREM, "positivity"));
    Prompt prompt = TestPrompts.nonCot(THEOREM);
    SamplingParams params = new SamplingParams(3, 1.0, 0.95, 2048, OptionalLong.of(42), List.of("<|eot|>"));

    List<Completion> completions = value(factory.openAi(config()).sample(prompt, params));

    List<RecordedRequest> sent = server.requests(Route.COMPLETIONS);
    assertThat(sent).hasSize(1);
    JsonObject body = sent.get(0).json();
    assertThat(body.getString("model")).isEqualTo(StandInModelServer.SERVED_MODEL);
    assertThat(body.getString("prompt")).isEqualTo(ChatTemplate.render(prompt))
        .startsWith(ChatTemplate.BEGIN_OF_SENTENCE).endsWith(ChatTemplate.ASSISTANT);
    assertThat(body.getBoolean("add_special_tokens")).isFalse();
    assertThat(body.getInteger("n")).isEqualTo(3);
    assertThat(body.getDouble("temperature")).isEqualTo(1.0);
    assertThat(body.getDouble("top_p")).isEqualTo(0.95);
    assertThat(body.getInteger("max_tokens")).isEqualTo(2048);
    assertThat(body.getLong("seed")).isEqualTo(42L);
    assertThat(body.getJsonArray("stop")).isEqualTo(new JsonArray().add("<|eot|>"));
    assertThat(completions).extracting(Completion::text).containsExactly(
        TestPrompts.answer(THEOREM, "nlinarith"), TestPrompts.answer(THEOREM, "linarith"),
        TestPrompts.answer(THEOREM, "positivity"));
    assertThat(completions).extracting(Completion::finishReason).containsOnly("stop");
    int expectedCompletionTokens = completions.stream()
        .mapToInt(completion -> StandInModelServer.tokens(completion.text())).sum();
    assertThat(completions.stream().mapToInt(Completion::completionTokens).sum()).isEqualTo(expectedCompletionTokens);
    assertThat(completions).extracting(Completion::promptTokens)
        .containsOnly(StandInModelServer.tokens(ChatTemplate.render(prompt)));
  }

  @Test
  void sample_chatMode_sendsMessagesAndReadsMessageContent() throws Exception {
    server.script(THEOREM, "first answer", "second answer");
    Prompt prompt = TestPrompts.nonCot(THEOREM);

    List<Completion> completions = value(factory.openAi(config().withMode(ApiMode.CHAT))
        .sample(prompt, SamplingParams.of(2, 512)));

    assertThat(server.requests(Route.COMPLETIONS)).isEmpty();
    List<RecordedRequest> sent = server.requests(Route.CHAT);
    assertThat(sent).hasSize(1);
    JsonObject body = sent.get(0).json();
    assertThat(body.getJsonArray("messages")).isEqualTo(new JsonArray().add(new JsonObject()
        .put("role", "user").put("content", prompt.messages().get(0).content())));
    assertThat(body.getInteger("n")).isEqualTo(2);
    assertThat(body.containsKey("prompt")).isFalse();
    assertThat(completions).extracting(Completion::text).containsExactly("first answer", "second answer");
  }

  @Test
  void sample_rawPromptInChatMode_goesToCompletionsWithTextUnchanged() throws Exception {
    server.script(THEOREM, "raw continuation");
    String text = "Complete the following Lean 4 code:\n\n```lean4\ntheorem " + THEOREM + " : 1 + 1 = 2 := by\n";

    List<Completion> completions = value(factory.openAi(config().withMode(ApiMode.CHAT))
        .sample(Prompt.raw("v15", text), SamplingParams.of(1, 64)));

    assertThat(server.requests(Route.CHAT)).isEmpty();
    JsonObject body = server.requests(Route.COMPLETIONS).get(0).json();
    assertThat(body.getString("prompt")).isEqualTo(text);
    assertThat(body.containsKey("add_special_tokens")).isFalse();
    assertThat(completions).extracting(Completion::text).containsExactly("raw continuation");
  }

  @Test
  void sample_longerThanMaxTokens_reportsLengthFinish() throws Exception {
    server.script(THEOREM, "x".repeat(400));

    List<Completion> completions = value(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM),
        SamplingParams.of(1, 10)));

    assertThat(completions.get(0).finishReason()).isEqualTo("length");
    assertThat(completions.get(0).completionTokens()).isEqualTo(10);
  }

  @Test
  void sample_apiKey_sendsBearerToken() throws Exception {
    server.requireApiKey("sekrit").script(THEOREM, "ok");

    value(factory.openAi(config().withApiKey("sekrit")).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(server.requests(Route.COMPLETIONS).get(0).authorization()).isEqualTo("Bearer sekrit");
  }

  @Test
  void sample_wrongApiKey_failsUnauthorized() throws Exception {
    server.requireApiKey("sekrit");

    EngineException error = failure(factory.openAi(config().withApiKey("guess"))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.UNAUTHORIZED);
    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.getMessage()).contains("Unauthorized");
  }

  @Test
  void sample_unknownModel_failsNotFoundWithServerMessage() throws Exception {
    EngineException error = failure(factory.openAi(config().withModel("no-such-model"))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.NOT_FOUND);
    assertThat(error.getMessage()).contains("The model `no-such-model` does not exist.");
  }

  @Test
  void sample_noModelConfigured_asksTheServerWhichModelItServes() throws Exception {
    server.script(THEOREM, "ok");

    value(factory.openAi(config().withModel("")).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(server.requests(Route.MODELS)).hasSize(1);
    assertThat(server.requests(Route.COMPLETIONS).get(0).json().getString("model"))
        .isEqualTo(StandInModelServer.SERVED_MODEL);
  }

  @Test
  void models_servedModel_listsItsId() throws Exception {
    assertThat(value(factory.openAi(config()).models())).containsExactly(StandInModelServer.SERVED_MODEL);
  }

  @Test
  void health_healthyServer_succeeds() throws Exception {
    value(factory.openAi(config()).health());

    assertThat(server.requests(Route.HEALTH)).hasSize(1);
  }

  @Test
  void health_serverUnavailable_failsUnavailable() throws Exception {
    server.inject(Route.HEALTH, Fault.unavailable(), 1);

    assertThat(failure(factory.openAi(config()).health()).kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
  }

  @Test
  void sample_rateLimitedWithRetryAfterSeconds_failsRateLimitedWithTheWait() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.rateLimited("2"), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.RATE_LIMITED);
    assertThat(error.httpStatus()).isEqualTo(429);
    assertThat(error.retryAfterMillis()).hasValue(2000);
    assertThat(error.getMessage()).contains("Too many requests");
  }

  @Test
  void sample_rateLimitedWithRetryAfterDate_failsRateLimitedWithTheWaitUntilThen() throws Exception {
    String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5));
    server.inject(Route.COMPLETIONS, Fault.rateLimited(inFiveSeconds), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.RATE_LIMITED);
    // The header has whole seconds, so the wait lies in (3 s, 5 s] however slow the machine.
    assertThat(error.retryAfterMillis().getAsInt()).isBetween(3000, 5000);
  }

  @Test
  void sample_serviceUnavailable_failsUnavailable() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.unavailable(), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    assertThat(error.httpStatus()).isEqualTo(503);
    assertThat(error.getMessage()).contains("Service Unavailable");
  }

  @Test
  void sample_contextLengthRefusal_failsContextLength() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.contextLength(32768, 1000, 32000), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 32000)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.getMessage()).contains("maximum context length is 32768 tokens");
  }

  @Test
  void sample_otherBadRequest_failsBadRequest() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.badRequest("temperature must be non-negative"), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(error.getMessage()).contains("temperature must be non-negative");
  }

  @Test
  void sample_malformedJson_failsMalformedResponse() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.malformedJson(), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.MALFORMED_RESPONSE);
  }

  @Test
  void sample_jsonWithoutChoices_failsMalformedResponse() throws Exception {
    server.inject(Route.COMPLETIONS, new Fault.Status(200, "{\"id\":\"cmpl-1\",\"object\":\"text_completion\"}", null), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).contains("no choices");
  }

  @Test
  void sample_serverDown_failsConnection() throws Exception {
    EngineConfig config = config();
    value(server.close());

    EngineException error = failure(factory.openAi(config).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONNECTION);
    assertThat(error.httpStatus()).isZero();
  }

  @Test
  void sample_connectionReset_failsConnection() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.reset(), 1);

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONNECTION);
  }

  @Test
  void sample_serverNeverAnswers_failsTimeout() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.stall(), 1);

    EngineException error = failure(factory.openAi(config().withRequestTimeout(Duration.ofMillis(300)))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.TIMEOUT);
  }

  @Test
  void sample_abandonedWhileTheModelHangs_abortsTheRequestAndFreesTheSlot() throws Exception {
    server.injectAlways(Route.COMPLETIONS, Fault.stall());
    OpenAiEngine engine = factory.openAi(config().withMaxInFlight(1).withRequestTimeout(Duration.ofMinutes(5)));
    Deadline first = Deadline.after(Duration.ofHours(1));
    Deadline queued = Deadline.after(Duration.ofHours(1));

    var hanging = engine.sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8), first);
    var waiting = engine.sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8), queued);
    awaitTrue(() -> server.requests(Route.COMPLETIONS).size() == 1 && server.openConnections() == 1);
    assertThat(engine.occupiedSlots()).isEqualTo(2);
    first.abandon();
    queued.abandon();

    assertThat(failure(hanging).kind()).isEqualTo(EngineException.Kind.ABANDONED);
    assertThat(failure(waiting).kind()).isEqualTo(EngineException.Kind.ABANDONED);
    assertThat(engine.occupiedSlots()).isZero();
    awaitTrue(() -> server.openConnections() == 0);
    assertThat(server.requests(Route.COMPLETIONS)).as("the queued request was never sent").hasSize(1);
  }

  @Test
  void sample_answerLongerThanTheLimit_failsMalformedWithoutKeepingIt() throws Exception {
    server.ignoreMaxTokens().script(THEOREM, "x".repeat(300_000));

    EngineException error = failure(factory.openAi(config().withMaxResponseBytes(100_000))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).contains("longer than 100000 bytes");
  }

  @Test
  void sample_answerFarBeyondMaxTokens_isRefusedByTheDefaultLimit() throws Exception {
    long limit = config().responseLimit(1, 8);
    server.ignoreMaxTokens().script(THEOREM, "y".repeat((int) limit + 1));

    EngineException error = failure(factory.openAi(config()).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).contains("longer than " + limit + " bytes");
  }

  /** Polls a condition the event loop makes true, failing after the usual bound. */
  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(Outcomes.WAIT_SECONDS).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after " + Outcomes.WAIT_SECONDS + " s").isLessThan(end);
      Thread.sleep(20);
    }
  }
}
