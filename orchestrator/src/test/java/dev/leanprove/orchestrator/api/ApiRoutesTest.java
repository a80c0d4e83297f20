package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.SearchSettings;
import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInModelServer;
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
  void prove_multipartUploads_leaveNoFileBehind() throws Exception {
    Path proved = dir.resolve(NAME + ".lean");
    Files.writeString(proved, MiniF2F.problem(NAME));
    Path refused = dir.resolve("solved.lean");
    Files.writeString(refused, MiniF2F.solutionFile(NAME));

    HttpResponse<Buffer> ok = client.post("/prove").sendMultipartForm(
        MultipartForm.create().textFileUpload("file", NAME + ".lean", proved.toString(), "text/plain")).await();
    HttpResponse<Buffer> nothing = client.post("/prove").sendMultipartForm(
        MultipartForm.create().textFileUpload("file", "solved.lean", refused.toString(), "text/plain")).await();

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(nothing.statusCode()).isEqualTo(422);
    Path uploads = LeanRequest.uploadsFolder();
    assertThat(uploads.getFileName().toString()).startsWith("leanprove-uploads-");
    ProcessProbe.awaitCondition(() -> isEmpty(uploads), Duration.ofSeconds(10));
    assertThat(uploads).isEmptyDirectory();
    Path inWorkingDir = Path.of("file-uploads");
    if (Files.isDirectory(inWorkingDir)) {
      assertThat(inWorkingDir).isEmptyDirectory();
    }
  }

  private static boolean isEmpty(Path folder) {
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      return files.findAny().isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
  void prove_loneSurrogateInCode_is400NamingIt() {
    String body = "{\"code\": \"theorem t : True := by\\n  sorry -- \\ud800\"}";

    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(error(r).getString("message")).contains("surrogate").contains("U+D800");
  }

  @Test
  void prove_contentTypeThatOnlyStartsLikeJson_is415() {
    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "application/jsonx")
        .sendBuffer(new JsonObject().put("code", MiniF2F.problem(NAME)).toBuffer()).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(415);
  }

  @Test
  void prove_jsonWithCharsetParameter_isAccepted() {
    HttpResponse<Buffer> r = client.post("/prove").putHeader("Content-Type", "Application/JSON ; charset=utf-8")
        .sendBuffer(new JsonObject().put("code", MiniF2F.problem(NAME)).toBuffer()).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  @Test
  void prove_budgetNumbersOutOfRange_are400NamingTheValue() {
    for (Object samples : new Object[] {4294967297L, 1e30, -1, 2.5, "12x"}) {
      HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.problem(NAME))
          .put("budget", new JsonObject().put("samples", samples)));

      assertThat(r.statusCode()).as(samples + ": " + r.bodyAsString()).isEqualTo(400);
      assertThat(error(r).getString("message")).as(samples.toString()).contains("\"samples\"").contains(String.valueOf(samples));
    }
    HttpResponse<Buffer> r = postJson("/prove", new JsonObject().put("code", MiniF2F.problem(NAME))
        .put("budget", new JsonObject().put("seconds", 1e30)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).getString("message")).contains("\"seconds\"").contains("1.0E30");
  }

  @Test
  void health_head_is200WithoutBody() {
    HttpResponse<Buffer> r = client.head("/health").send().await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body() == null || r.body().length() == 0).isTrue();
  }

  @Test
  void prove_fileThatLeavesNoRoomForAProof_isRefusedBeforeAnyModelCall() {
    // Under the 64 KB body limit, over what a checked candidate may be (the verifier's limit less a proof's room).
    String padding = "-- " + "x".repeat(200) + "\n";
    String code = MiniF2F.problem(NAME) + padding.repeat(15);
    assertThat(code.length()).isBetween(3073, 4095);
    ProverFixture small = ProverFixture.start(dir.resolve("small"));
    try {
      ApiVerticle api = new ApiVerticle(new ServerConfig("127.0.0.1", 0, 64 * 1024), small.verifier,
          small.prover(Optional.of(small.openAi()), SearchSettings.DEFAULT, 4096), small.registry(Optional.of(small.openAi())),
          new Budget(8, 500_000, Duration.ofMinutes(2)), () -> new JsonObject());
      small.vertx.deployVerticle(api).await();
      WebClient smallClient = WebClient.create(small.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(api.actualPort()));

      HttpResponse<Buffer> r = smallClient.post("/prove").sendJsonObject(new JsonObject().put("code", code)).await();

      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
      assertThat(error(r).getString("message")).contains("--max-file-size").contains("room for a proof");
      assertThat(small.model.requests()).isEmpty();
      smallClient.close();
    } finally {
      small.close();
    }
  }

  @Test
  void prove_modelDown_saysEngineUnavailable() {
    f.model.close().await();

    assertProveFailsEngineUnavailable("CONNECTION");
  }

  @Test
  void prove_modelAnswersUnavailableAfterEveryRetry_saysEngineUnavailable() {
    f.model.injectAlways(StandInModelServer.Route.COMPLETIONS, Fault.unavailable());
    f.model.injectAlways(StandInModelServer.Route.CHAT, Fault.unavailable());

    assertProveFailsEngineUnavailable("UNAVAILABLE");
  }

  /** An async prove of a problem the portfolio cannot do fails with engine_unavailable, its message naming {@code kind}. */
  private void assertProveFailsEngineUnavailable(String kind) {
    String id = client.post("/prove").addQueryParam("async", "true")
        .sendJsonObject(new JsonObject().put("code", MiniF2F.problem("mathd_algebra_159"))).await()
        .bodyAsJsonObject().getString("jobId");

    JsonObject job = awaitFinished(id);

    assertThat(job.getString("state")).isEqualTo("failed");
    assertThat(job.getJsonObject("error")).as(job.encode()).isNotNull();
    assertThat(job.getJsonObject("error").getString("code")).isEqualTo("engine_unavailable");
    assertThat(job.getJsonObject("error").getString("message")).contains(kind);
  }

  private JsonObject awaitFinished(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject job = client.get("/jobs/" + id).send().await().bodyAsJsonObject();
      if (job.containsKey("finishedAt")) {
        return job;
      }
      ApiServer.sleep(50);
    }
    throw new AssertionError("job " + id + " did not finish");
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
