package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.orchestrator.standin.StandInModelServer;
import dev.leanprove.orchestrator.standin.StandInModelServer.Route;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class EngineFactoryTest {

  private static final String THEOREM = "aime_1983_p1";

  private StandInModelServer server;
  private EngineFactory factory;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = value(StandInModelServer.start(vertx)).script(THEOREM, "scripted");
    factory = new EngineFactory(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    value(factory.close());
  }

  @Test
  void create_portfolioConfig_isThePortfolio() {
    Engine engine = factory.create(EngineConfig.portfolio());

    assertThat(engine).isInstanceOf(PortfolioEngine.class);
    assertThat(engine.name()).isEqualTo("portfolio");
  }

  @Test
  void create_serverTypeWithoutEndpoint_isThePortfolio() {
    EngineConfig noEndpoint = new EngineConfig(EngineType.OPENAI, Optional.empty(), "m", Optional.empty(),
        ApiMode.COMPLETIONS, 1, RetryPolicy.none(), BreakerPolicy.DEFAULT, Duration.ofSeconds(1), 0, false);

    assertThat(factory.create(noEndpoint)).isInstanceOf(PortfolioEngine.class);
  }

  @Test
  void create_eachServerType_buildsAGuardedEngineThatReachesItsRoute() throws Exception {
    Engine openAi = factory.create(EngineConfig.of(EngineType.OPENAI, server.endpoint(), StandInModelServer.SERVED_MODEL));
    XinferenceEngine launcher = factory.xinference(EngineConfig.of(EngineType.XINFERENCE, server.endpoint(), ""));
    String uid = value(launcher.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));
    Engine xinference = factory.create(EngineConfig.of(EngineType.XINFERENCE, server.endpoint(), uid));
    Engine ollama = factory.create(EngineConfig.of(EngineType.OLLAMA, server.endpoint(), StandInModelServer.OLLAMA_MODEL));

    for (Engine engine : new Engine[] {openAi, xinference, ollama}) {
      assertThat(engine).isInstanceOf(ContextGuard.class);
      assertThat(value(engine.sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 64))))
          .extracting(Completion::text).containsExactly("scripted");
    }
    assertThat(openAi.name()).isEqualTo("openai");
    assertThat(xinference.name()).isEqualTo("xinference");
    assertThat(ollama.name()).isEqualTo("ollama");
    assertThat(server.requests(Route.COMPLETIONS)).hasSize(1);
    assertThat(server.requests(Route.CHAT)).hasSize(1);
    assertThat(server.requests(Route.OLLAMA_GENERATE)).hasSize(1);
  }

  @Test
  void openAi_endpointWithV1Suffix_talksToTheSameServer() throws Exception {
    URI withV1 = URI.create(server.endpoint() + "/v1/");

    value(factory.openAi(EngineConfig.of(EngineType.OPENAI, withV1, StandInModelServer.SERVED_MODEL)).health());

    assertThat(server.requests(Route.HEALTH)).hasSize(1);
  }

  @Test
  void engineConfigOf_servedSeedModel_takesItsContextLengthAndTypeDefaults() {
    EngineConfig openAi = EngineConfig.of(EngineType.OPENAI, server.endpoint(), "deepseek-ai/DeepSeek-Prover-V2-7B");
    EngineConfig xinference = EngineConfig.of(EngineType.XINFERENCE, server.endpoint(), "deepseek-prover-v2");

    assertThat(openAi.contextLength()).isEqualTo(32768);
    assertThat(openAi.mode()).isEqualTo(ApiMode.COMPLETIONS);
    assertThat(xinference.mode()).isEqualTo(ApiMode.CHAT);
    assertThat(xinference.contextLength()).isZero();
  }

  @Test
  void engineConfig_badValues_areRefusedNamingTheValue() {
    assertThatThrownBy(() -> EngineConfig.of(EngineType.OPENAI, URI.create("ftp://host/"), "m"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://host/");
    assertThatThrownBy(() -> EngineConfig.portfolio().withMaxInFlight(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInFlight");
    assertThatThrownBy(() -> EngineConfig.portfolio().withRequestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
  }

  @Test
  void engineTypeFromName_configNames_areRead() {
    assertThat(EngineType.fromName(" Ollama ")).isEqualTo(EngineType.OLLAMA);
    assertThat(EngineType.XINFERENCE.defaultEndpoint()).isEqualTo(URI.create("http://127.0.0.1:9997"));
    assertThatThrownBy(() -> EngineType.fromName("gpt")).hasMessageContaining("gpt");
    assertThatThrownBy(EngineType.PORTFOLIO::defaultEndpoint).isInstanceOf(IllegalStateException.class);
  }
}
