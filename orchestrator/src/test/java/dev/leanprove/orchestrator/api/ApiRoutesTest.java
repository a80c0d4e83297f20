package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.SearchSettings;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.ProverFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ApiRoutesTest {

  static final String NAME = "mathd_numbertheory_48";

  @TempDir
  Path dir;

  ProverFixture f;
  WebClient client;
  int port;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir).acceptRealProof(NAME).scriptRealAnswer(NAME);
    ApiVerticle api = new ApiVerticle(new ServerConfig("127.0.0.1", 0, 64 * 1024), f.verifier,
        f.prover(Optional.of(f.openAi()), SearchSettings.DEFAULT), f.registry(Optional.of(f.openAi())),
        new Budget(8, 500_000, Duration.ofMinutes(2)), () -> new JsonObject().put("lean", "4.24.0"));
    f.vertx.deployVerticle(api).await();
    port = api.actualPort();
    client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void tearDown() {
    client.close();
    f.close();
  }

  private HttpResponse<Buffer> postJson(String path, JsonObject body) {
    return client.post(path).sendJsonObject(body).await();
  }

  private static JsonObject error(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error");
  }

  @Test
  void prove_json_returnsProvedFileAndAttempts() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.problem(NAME)));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("PROVED");
    assertThat(body.getString("code")).doesNotContain("sorry").contains("nlinarith [sq_nonneg (b : ℤ), h₀, h₁]");
    JsonObject theorem = body.getJsonArray("theorems").getJsonObject(0);
    assertThat(theorem.getString("name")).isEqualTo(NAME);
    assertThat(theorem.getString("status")).isEqualTo("PROVED");
    assertThat(theorem.getJsonArray("attempts").getJsonObject(1).getString("rawOutput")).contains("### Complete Lean 4 Proof");
  }

  @Test
  void prove_textPlain_isAccepted() {
    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "text/plain; charset=utf-8")
        .sendBuffer(Buffer.buffer(MiniF2F.problem(NAME))).await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("PROVED");
  }

  @Test
  void prove_multipartLeanFile_isAccepted() throws Exception {
    Path file = dir.resolve(NAME + ".lean");
    Files.writeString(file, MiniF2F.problem(NAME));
    MultipartForm form = MultipartForm.create().textFileUpload("file", NAME + ".lean", file.toString(), "text/plain")
        .attribute("theorem", NAME);

    HttpResponse<Buffer> r = client.post("/prove").sendMultipartForm(form).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("PROVED");
  }

  @Test
  void prove_unknownTheorem_is404WithNames() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.problem(NAME)).put("theorem", "nope"));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(error(r).getString("code")).isEqualTo("unknown_theorem");
    assertThat(error(r).getString("message")).contains("nope").contains(NAME);
  }

  @Test
  void prove_nothingToProve_is422() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.solutionFile(NAME)));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(error(r).getString("code")).isEqualTo("nothing_to_prove");
  }

  @Test
  void prove_missingCode_is400NamingTheField() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("theorem", NAME));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).getString("message")).contains("\"code\"");
  }

  @Test
  void prove_malformedJson_is400() {
    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"code\": ")).await();

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).getString("code")).isEqualTo("bad_request");
  }

  @Test
  void prove_emptyBody_is400() {
    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "application/json").send().await();

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).getString("message")).contains("empty body");
  }

  @Test
  void prove_nonUtf8_is400() {
    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(new byte[] {'a', (byte) 0xff, 'b'})).await();

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).getString("message")).contains("UTF-8");
  }

  @Test
  void prove_bodyOverLimit_is413WithJson() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", "-- " + "x".repeat(100 * 1024)));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(error(r).getString("code")).isEqualTo("payload_too_large");
  }

  @Test
  void prove_unsupportedContentType_is415() {
    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "application/xml")
        .sendBuffer(Buffer.buffer("<lean/>")).await();

    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void prove_unknownEngine_is400() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.problem(NAME)).put("engine", "gpt"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).getString("message")).contains("unknown engine").contains("openai").contains("portfolio");
  }

  @Test
  void prove_badBudget_is400() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.problem(NAME))
        .put("budget", new JsonObject().put("samples", -3)));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).getString("message")).contains("samples");
  }

  @Test
  void prove_portfolioEngineByName_makesNoModelCall() {
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.problem(NAME)).put("engine", "portfolio"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isNotEqualTo("PROVED");
    assertThat(f.model.requests()).isEmpty();
  }

  @Test
  void check_returnsVerdictPerTheorem() {
    f.lean.accept("mathd_algebra_159", MiniF2F.realProof("mathd_algebra_159"));

    HttpResponse<Buffer> r = postJson("/check", new JsonObject().put("code", MiniF2F.solutionFile("mathd_algebra_159")));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("PROVED");
  }

  @Test
  void health_saysOk() {
    HttpResponse<Buffer> r = client.get("/health").send().await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("ok");
    assertThat(r.bodyAsJsonObject().getString("lean")).isEqualTo("4.24.0");
  }

  @Test
  void engines_listsConfiguredAndSpecs() {
    JsonObject body = client.get("/engines").send().await().bodyAsJsonObject();

    assertThat(body.getJsonArray("engines").stream().map(o -> ((JsonObject) o).getString("name"))).contains("openai", "portfolio");
    assertThat(body.getJsonArray("modelSpecs").size()).isEqualTo(3);
  }

  @Test
  void unknownRoute_is404Json() {
    HttpResponse<Buffer> r = client.get("/nope").send().await();

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(error(r).getString("code")).isEqualTo("not_found");
  }
}
