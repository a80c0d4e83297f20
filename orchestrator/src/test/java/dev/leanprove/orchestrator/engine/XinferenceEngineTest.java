package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.failure;
import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import dev.leanprove.orchestrator.standin.StandInModelServer.RecordedRequest;
import dev.leanprove.orchestrator.standin.StandInModelServer.Route;
import io.vertx.core.Vertx;
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
final class XinferenceEngineTest {

  private static final String THEOREM = "amc12a_2019_p21";

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

  private EngineConfig config(String uid) {
    return EngineConfig.of(EngineType.XINFERENCE, server.endpoint(), uid).withRequestTimeout(Duration.ofSeconds(5));
  }

  @Test
  void launch_sevenBillionOnVllm_postsTheSpecAndWaitsUntilReady() throws Exception {
    server.launchDelay(Duration.ofMillis(300));
    XinferenceEngine engine = factory.xinference(config(""));

    String uid = value(engine.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));

    assertThat(uid).isEqualTo("deepseek-prover-v2");
    assertThat(engine.modelUid()).hasValue(uid);
    RecordedRequest launch = server.requests(Route.XINFERENCE_LAUNCH).get(0);
    assertThat(launch.uri()).isEqualTo("/v1/models?wait_ready=false");
    assertThat(launch.json()).isEqualTo(new JsonObject()
        .put("model_name", "deepseek-prover-v2").put("model_type", "LLM").put("model_engine", "vLLM")
        .put("model_size_in_billions", 7).put("model_format", "pytorch").put("quantization", "none"));
    List<RecordedRequest> polls = server.requests(Route.XINFERENCE_DESCRIBE);
    assertThat(polls).as("polled until the model was ready").hasSizeGreaterThan(1);
    assertThat(polls).extracting(RecordedRequest::uri).containsOnly("/v1/models/deepseek-prover-v2");
  }

  @Test
  void launch_mlxFourBit_sendsXinferenceQuantizationSpelling() throws Exception {
    XinferenceEngine engine = factory.xinference(config(""));

    value(engine.launch(ModelSpec.PROVER_V2_7B_MLX_4BIT, ModelSpec.Backend.MLX, Duration.ofSeconds(5)));

    JsonObject body = server.requests(Route.XINFERENCE_LAUNCH).get(0).json();
    assertThat(body.getString("model_format")).isEqualTo("mlx");
    assertThat(body.getString("quantization")).isEqualTo("4bit");
    assertThat(body.getString("model_engine")).isEqualTo("MLX");
  }

  @Test
  void launch_notReadyWithinTheWait_failsTimeout() throws Exception {
    server.launchDelay(Duration.ofSeconds(30));
    XinferenceEngine engine = factory.xinference(config(""));

    EngineException error = failure(engine.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.SGLANG, Duration.ofMillis(400)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.TIMEOUT);
    assertThat(error.getMessage()).contains("not ready in time").contains("Model not found in the model list");
    assertThat(engine.modelUid()).isEmpty();
  }

  @Test
  void launch_serverRefuses_failsBadRequestWithTheDetail() throws Exception {
    server.inject(Route.XINFERENCE_LAUNCH, Fault.xinferenceError(400, "Invalid input. Please specify the `model_engine` field."), 1);

    EngineException error = failure(factory.xinference(config(""))
        .launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(error.getMessage()).contains("Please specify the `model_engine` field.");
  }

  @Test
  void launch_backendTheSpecDoesNotRunOn_failsBeforeSending() throws Exception {
    EngineException error = failure(factory.xinference(config(""))
        .launch(ModelSpec.PROVER_V2_7B_MLX_4BIT, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void list_afterLaunch_describesTheRunningModel() throws Exception {
    XinferenceEngine engine = factory.xinference(config(""));
    value(engine.launch(ModelSpec.PROVER_V2_671B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));

    List<XinferenceEngine.RunningModel> running = value(engine.list());

    assertThat(running).contains(new XinferenceEngine.RunningModel("deepseek-prover-v2", "deepseek-prover-v2", "LLM",
        671, "pytorch", "none", ModelSpec.FAMILY_CONTEXT_LENGTH));
  }

  @Test
  void terminate_launchedModel_deletesItAndForgetsTheUid() throws Exception {
    XinferenceEngine engine = factory.xinference(config(""));
    String uid = value(engine.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));

    value(engine.terminate(uid));

    assertThat(server.requests(Route.XINFERENCE_TERMINATE)).extracting(RecordedRequest::method, RecordedRequest::uri)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", "/v1/models/deepseek-prover-v2"));
    assertThat(engine.modelUid()).isEmpty();
    assertThat(value(engine.list())).extracting(XinferenceEngine.RunningModel::uid).doesNotContain(uid);
  }

  @Test
  void terminate_unknownUid_failsBadRequestWithTheDetail() throws Exception {
    EngineException error = failure(factory.xinference(config("")).terminate("ghost"));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(error.getMessage()).contains("Model not found in the model list, uid: ghost");
  }

  @Test
  void sample_nSamples_sendsNSingleRequestsWithoutNAndDistinctSeeds() throws Exception {
    XinferenceEngine engine = factory.xinference(config(""));
    String uid = value(engine.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));
    server.script(THEOREM, "one", "two", "three", "four");
    SamplingParams params = new SamplingParams(4, 1.0, 0.95, 512, OptionalLong.of(7), List.of());

    List<Completion> completions = value(engine.sample(TestPrompts.nonCot(THEOREM), params));

    List<RecordedRequest> sent = server.requests(Route.CHAT);
    assertThat(sent).hasSize(4);
    assertThat(sent).allSatisfy(request -> {
      assertThat(request.json().getString("model")).isEqualTo(uid);
      assertThat(request.json().containsKey("n")).isFalse();
    });
    assertThat(sent).extracting(request -> request.json().getLong("seed")).containsExactlyInAnyOrder(7L, 8L, 9L, 10L);
    assertThat(completions).extracting(Completion::text).containsExactlyInAnyOrder("one", "two", "three", "four");
  }

  @Test
  void sample_fanOut_keepsAtMostMaxInFlightRequestsOpen() throws Exception {
    server.responseDelay(Duration.ofMillis(100));
    XinferenceEngine engine = factory.xinference(config("").withMaxInFlight(2));
    value(engine.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));

    List<Completion> completions = value(engine.sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(6, 64)));

    assertThat(completions).hasSize(6);
    assertThat(server.requests(Route.CHAT)).hasSize(6);
    assertThat(server.maxConcurrentGenerations()).isEqualTo(2);
  }

  @Test
  void sample_configuredUidInCompletionsMode_usesTheTemplateAndTheUid() throws Exception {
    XinferenceEngine launcher = factory.xinference(config(""));
    String uid = value(launcher.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));
    server.script(THEOREM, "proof");
    Prompt prompt = TestPrompts.nonCot(THEOREM);

    List<Completion> completions = value(factory.xinference(config(uid).withMode(ApiMode.COMPLETIONS))
        .sample(prompt, SamplingParams.of(1, 64)));

    JsonObject body = server.requests(Route.COMPLETIONS).get(0).json();
    assertThat(body.getString("model")).isEqualTo(uid);
    assertThat(body.getString("prompt")).isEqualTo(ChatTemplate.render(prompt));
    assertThat(completions).extracting(Completion::text).containsExactly("proof");
  }

  @Test
  void sample_noModelUid_failsNotFoundWithoutSending() throws Exception {
    EngineException error = failure(factory.xinference(config("")).sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.NOT_FOUND);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void sample_uidNotRunning_failsBadRequestWithTheDetail() throws Exception {
    EngineException error = failure(factory.xinference(config("deepseek-prover-v2-gone"))
        .sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(1, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(error.getMessage()).contains("Model not found in the model list, uid: deepseek-prover-v2-gone");
  }

  @Test
  void sample_oneOfTheFanOutFails_failsWithThatError() throws Exception {
    XinferenceEngine engine = factory.xinference(config(""));
    value(engine.launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(5)));
    server.inject(Route.CHAT, Fault.xinferenceError(503, "Rate limit reached"), 1);

    EngineException error = failure(engine.sample(TestPrompts.nonCot(THEOREM), SamplingParams.of(3, 8)));

    assertThat(error.kind()).isEqualTo(EngineException.Kind.UNAVAILABLE);
    assertThat(error.getMessage()).contains("Rate limit reached");
    assertThat(server.requests(Route.CHAT)).as("the other requests still ran to completion").hasSize(3);
  }
}
