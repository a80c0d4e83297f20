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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class ContextGuardTest {

  private static final String THEOREM = "mathd_algebra_10";

  private StandInModelServer server;
  private EngineFactory factory;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = value(StandInModelServer.start(vertx)).script(THEOREM, "proof");
    factory = new EngineFactory(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    value(factory.close());
  }

  private EngineConfig config(int contextLength, boolean clamp) {
    return EngineConfig.of(EngineType.OPENAI, server.endpoint(), StandInModelServer.SERVED_MODEL)
        .withRequestTimeout(Duration.ofSeconds(5))
        .withContextLength(contextLength, clamp);
  }

  @Test
  void estimatePromptTokens_asciiAndSymbols_countsThirdsOfAsciiAndEachSymbolAndPerMessage() {
    Prompt ascii = Prompt.raw("t", "x".repeat(300));
    Prompt symbols = Prompt.raw("t", "ℝ≤₀");

    assertThat(ContextGuard.estimatePromptTokens(ascii)).isEqualTo(100 + ContextGuard.TOKENS_PER_MESSAGE);
    assertThat(ContextGuard.estimatePromptTokens(symbols)).isEqualTo(3 + ContextGuard.TOKENS_PER_MESSAGE);
  }

  @Test
  void estimatePromptTokens_realPrompt_overestimatesTheServersCount() {
    Prompt prompt = TestPrompts.nonCot(THEOREM);

    // The stand-in counts four characters per token, close to the real tokenizer on English and Lean.
    assertThat(ContextGuard.estimatePromptTokens(prompt))
        .isGreaterThan(StandInModelServer.tokens(ChatTemplate.render(prompt)));
  }

  @Test
  void sample_promptPlusMaxTokensOverTheContext_isRefusedBeforeSending() throws Exception {
    Prompt prompt = TestPrompts.nonCot(THEOREM);
    int estimate = ContextGuard.estimatePromptTokens(prompt);

    EngineException error = failure(factory.create(config(estimate + 100, false)).sample(prompt, SamplingParams.of(1, 101)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    assertThat(error.getMessage()).contains("max_tokens 101").contains("not sent");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void sample_fitsExactly_isSentUnchanged() throws Exception {
    Prompt prompt = TestPrompts.nonCot(THEOREM);
    int estimate = ContextGuard.estimatePromptTokens(prompt);

    value(factory.create(config(estimate + 100, false)).sample(prompt, SamplingParams.of(1, 100)));

    assertThat(server.requests(Route.COMPLETIONS).get(0).json().getInteger("max_tokens")).isEqualTo(100);
  }

  @Test
  void sample_overTheContextWithClamping_sendsTheRoomLeft() throws Exception {
    Prompt prompt = TestPrompts.nonCot(THEOREM);
    int estimate = ContextGuard.estimatePromptTokens(prompt);

    List<Completion> completions = value(factory.create(config(estimate + 100, true)).sample(prompt, SamplingParams.of(2, 32000)));

    assertThat(server.requests(Route.COMPLETIONS).get(0).json().getInteger("max_tokens")).isEqualTo(100);
    assertThat(server.requests(Route.COMPLETIONS).get(0).json().getInteger("n")).isEqualTo(2);
    assertThat(completions).hasSize(2);
  }

  @Test
  void sample_promptAloneOverTheContextWithClamping_isStillRefused() throws Exception {
    Prompt prompt = TestPrompts.nonCot(THEOREM);
    int estimate = ContextGuard.estimatePromptTokens(prompt);

    EngineException error = failure(factory.create(config(estimate, true)).sample(prompt, SamplingParams.of(1, 10)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void sample_unknownContext_sendsWhateverIsAsked() throws Exception {
    value(factory.create(config(0, false)).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 1_000_000)));

    assertThat(server.requests(Route.COMPLETIONS).get(0).json().getInteger("max_tokens")).isEqualTo(1_000_000);
  }

  @Test
  void sample_serverRefusesWhatTheGuardLetThrough_stillFailsContextLength() throws Exception {
    server.inject(Route.COMPLETIONS, Fault.contextLength(4096, 4000, 200), 1);

    EngineException error = failure(factory.create(config(1_000_000, false)).sample(TestPrompts.nonCot(THEOREM),
        SamplingParams.of(1, 200)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
  }
}
