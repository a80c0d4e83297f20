package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.metrics.MeteredEngine;
import dev.leanprove.orchestrator.metrics.MeteredVerifier;
import dev.leanprove.orchestrator.metrics.Metrics;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.CandidateChecker;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.SearchSettings;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.ProverFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MetricsRoutesTest {

  static final String NAME = "mathd_numbertheory_48";

  @TempDir
  Path dir;

  ProverFixture f;
  WebClient client;
  Metrics metrics;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir).acceptRealProof(NAME).scriptRealAnswer(NAME);
    metrics = new Metrics("local");
    MeteredVerifier verifier = new MeteredVerifier(f.verifier, metrics);
    EngineRegistry engines = f.registry(Optional.of(f.openAi()))
        .wrapped((engine, config) -> new MeteredEngine(engine, config.endpoint().map(Object::toString).orElse("portfolio"), metrics));
    FileProver prover = new FileProver(verifier, new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES), PromptLibrary.packaged(), engines,
        SearchSettings.DEFAULT, new Budget(8, 500_000, Duration.ofMinutes(2)), 1 << 20);
    ApiVerticle api = new ApiVerticle(ApiServer.config(), verifier, prover, engines, new Budget(8, 500_000, Duration.ofMinutes(2)),
        JsonObject::new, Optional.of(metrics));
    f.vertx.deployVerticle(api).await();
    client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()));
  }

  @AfterEach
  void tearDown() {
    client.close();
    f.close();
  }

  @Test
  void metrics_afterAProof_showsJobsAttemptsVerificationAndModelFigures() {
    HttpResponse<Buffer> proved = client.post("/prove").sendJsonObject(new JsonObject().put("code", MiniF2F.problem(NAME))).await();
    assertThat(proved.bodyAsJsonObject().getString("status")).isEqualTo("PROVED");

    HttpResponse<Buffer> r = client.get("/metrics").send().await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
    String text = r.bodyAsString();
    assertThat(text)
        .contains("leanprove_jobs{node=\"local\",state=\"succeeded\"} 1.0")
        .contains("leanprove_jobs{node=\"local\",state=\"running\"} 0.0")
        .contains("leanprove_attempts_total{node=\"local\",strategy=\"portfolio\",verdict=\"LEAN_ERROR\"} 1.0")
        .containsPattern("leanprove_attempts_total\\{node=\"local\",strategy=\"whole-proof\",verdict=\"PROVED\"} [1-9]")
        .contains("leanprove_verify_seconds_bucket{node=\"local\",reason=\"PROVED\"")
        .contains("leanprove_model_request_seconds_count{endpoint=\"" + f.model.endpoint() + "\",node=\"local\"}")
        .containsPattern("leanprove_model_completion_tokens_total\\{endpoint=\"[^\"]+\",node=\"local\"} [1-9]")
        .contains("leanprove_model_tokens_per_second_count");
  }
}
