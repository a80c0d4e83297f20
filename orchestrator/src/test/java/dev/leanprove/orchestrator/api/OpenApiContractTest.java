package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.openapi.validation.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code openapi.yaml} true: live traffic of every operation goes through a validating
 * proxy, valid requests must pass the document's request schemas, every response (errors
 * included) must match the document, and requests the server refuses must be ones the document
 * calls invalid.
 */
final class OpenApiContractTest {

  static final String TOKEN = "contract-token";
  static final String EASY = "(2 : ℝ) + 2 = 4";
  static final String FILE = "import Mathlib\n\ntheorem easy_one : " + EASY + " := by\n  sorry\n";

  @TempDir
  Path dir;

  ProverFixture f;
  ApiServer server;
  ContractProxy proxy;
  WebClient client;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir);
    f.lean.proposition(EASY, "norm_num <;> done");
    server = ApiServer.start(f, StandInProvers.portfolio(f, 0),
        ApiServer.config().withToken(TOKEN).withJobs(JobLimits.DEFAULT.withMaxRunning(1).withQueueSize(0)));
    String served = server.client.get("/openapi.yaml").bearerTokenAuthentication(TOKEN).send().await().bodyAsString();
    JsonObject document = new JsonObject(Json.encode(new Yaml().load(served)));
    proxy = ContractProxy.start(f.vertx, document, server.port);
    client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(proxy.port()),
        new PoolOptions().setHttp1MaxSize(4));
  }

  @AfterEach
  void tearDown() {
    client.close();
    proxy.close().await();
    server.client.close();
    f.close();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return client.post(path).bearerTokenAuthentication(TOKEN).sendJsonObject(body).await();
  }

  private HttpResponse<Buffer> get(String path) {
    return client.get(path).bearerTokenAuthentication(TOKEN).send().await();
  }

  private JsonObject awaitFinal(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonObject job = get("/jobs/" + id).bodyAsJsonObject();
    while (Set.of("queued", "running").contains(job.getString("state")) && System.nanoTime() < deadline) {
      ApiServer.sleep(50);
      job = get("/jobs/" + id).bodyAsJsonObject();
    }
    return job;
  }

  @Test
  void liveTraffic_everyOperation_matchesTheDocument() throws Exception {
    // Valid requests, happy paths.
    assertThat(client.get("/health").send().await().statusCode()).isEqualTo(200);
    assertThat(get("/engines").statusCode()).isEqualTo(200);
    assertThat(get("/openapi.yaml").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
    assertThat(post("/prove", new JsonObject().put("code", FILE)).statusCode()).isEqualTo(200);
    assertThat(post("/prove", new JsonObject().put("code", FILE).put("line", 3).put("column", 2)).bodyAsJsonObject()
        .containsKey("edit")).isTrue();
    assertThat(client.post("/prove").bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/plain; charset=utf-8")
        .addQueryParam("line", "3").addQueryParam("column", "2").sendBuffer(Buffer.buffer(FILE)).await().statusCode()).isEqualTo(200);
    Path file = dir.resolve("Easy.lean");
    Files.writeString(file, FILE);
    assertThat(client.post("/prove").bearerTokenAuthentication(TOKEN)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "Easy.lean", file.toString(), "application/octet-stream"))
        .await()
        .statusCode()).isEqualTo(200);
    HttpResponse<Buffer> accepted = client.post("/prove").bearerTokenAuthentication(TOKEN).addQueryParam("async", "true")
        .sendJsonObject(new JsonObject().put("code", FILE)).await();
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = accepted.bodyAsJsonObject().getString("jobId");
    assertThat(awaitFinal(id).getString("state")).isEqualTo("succeeded");
    assertThat(get("/jobs/" + id + "/events").bodyAsString()).contains("event: result");
    assertThat(get("/jobs?limit=5").statusCode()).isEqualTo(200);
    assertThat(client.delete("/jobs/" + id).bearerTokenAuthentication(TOKEN).send().await().statusCode()).isEqualTo(200);
    assertThat(post("/check", new JsonObject().put("code", FILE)).statusCode()).isEqualTo(200);

    // Valid requests the server refuses for what they ask.
    assertThat(get("/jobs/no-such-job").statusCode()).isEqualTo(404);
    assertThat(get("/engines").statusCode()).isEqualTo(200);
    assertThat(client.get("/engines").send().await().statusCode()).isEqualTo(401);
    assertThat(post("/prove", new JsonObject().put("code", FILE).put("theorem", "nope")).statusCode()).isEqualTo(404);
    assertThat(post("/prove", new JsonObject().put("code", FILE).put("line", 0).put("column", 0)).statusCode()).isEqualTo(422);
    assertThat(post("/prove", new JsonObject().put("code", FILE).put("line", 40).put("column", 0)).statusCode()).isEqualTo(400);
    assertThat(post("/prove", new JsonObject().put("code", "-- " + "x".repeat(300 * 1024))).statusCode()).isEqualTo(413);
    // The only slot is taken by a job whose Lean hangs; the next one is refused until it is cancelled.
    String hanging = client.post("/prove").bearerTokenAuthentication(TOKEN).addQueryParam("async", "true")
        .sendJsonObject(new JsonObject().put("code", FILE.replace("  sorry", "  -- FAKE_LEAN: hang\n  sorry"))).await()
        .bodyAsJsonObject().getString("jobId");
    assertThat(post("/prove", new JsonObject().put("code", FILE)).statusCode()).isEqualTo(429);
    assertThat(client.delete("/jobs/" + hanging).bearerTokenAuthentication(TOKEN).send().await().statusCode()).isEqualTo(200);

    assertThat(proxy.exchanges).allSatisfy(e -> {
      assertThat(e.requestViolation()).as(e.toString()).isEmpty();
      assertThat(e.responseViolation()).as(e.toString()).isEmpty();
    });
    assertThat(proxy.exchanges.stream().map(ContractProxy.Exchange::operationId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(proxy.operationIds());
    assertThat(proxy.exchanges.stream().map(e -> e.status()).collect(Collectors.toSet()))
        .contains(200, 202, 400, 401, 404, 413, 422, 429);
  }

  @Test
  void liveTraffic_requestsTheDocumentCallsInvalid_areRefusedWithDocumentedErrors() {
    HttpResponse<Buffer> noCode = post("/prove", new JsonObject().put("theorem", "easy_one"));
    HttpResponse<Buffer> badBudget = post("/prove", new JsonObject().put("code", FILE).put("budget", new JsonObject().put("samples", -1)));
    HttpResponse<Buffer> badType = client.post("/prove").bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "application/xml")
        .sendBuffer(Buffer.buffer("<lean/>")).await();
    HttpResponse<Buffer> badLimit = get("/jobs?limit=0");

    assertThat(noCode.statusCode()).isEqualTo(400);
    assertThat(badBudget.statusCode()).isEqualTo(400);
    assertThat(badType.statusCode()).isEqualTo(415);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(proxy.exchanges).hasSize(4).allSatisfy(e -> {
      assertThat(e.requestViolation()).as(e.toString()).isPresent();
      assertThat(e.responseViolation()).as(e.toString()).isEmpty();
    });
  }

  @Test
  void validator_responseThatBreaksTheDocument_isCaught() {
    ValidatableResponse wrong = ValidatableResponse.create(200, Map.of("Content-Type", "application/json"),
        Buffer.buffer("{\"status\": \"MAYBE\", \"code\": \"\", \"wallMs\": 1, \"theorems\": []}"), "application/json");
    ValidatableResponse undocumentedStatus = ValidatableResponse.create(418, Map.of());

    assertThatThrownBy(() -> proxy.responseValidator().validate(wrong, "prove").await()).hasMessageContaining("status");
    assertThatThrownBy(() -> proxy.responseValidator().validate(undocumentedStatus, "health").await()).hasMessageContaining("418");
  }
}
