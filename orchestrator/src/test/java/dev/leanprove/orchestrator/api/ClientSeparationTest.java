package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With several client tokens, each client sees and controls only its own jobs; admins see all. */
final class ClientSeparationTest {

  static final String ALICE = "Bearer alice-token";
  static final String BOB = "Bearer bob-token";
  static final String ROOT = "Bearer root-token";
  static final String OPERATOR = "Bearer operator-token";

  @TempDir
  Path dir;

  ProverFixture f;
  ApiServer server;

  @BeforeEach
  void setUp() throws Exception {
    f = ProverFixture.start(dir);
    f.lean.proposition("(2 : ℝ) + 2 = 4", "norm_num <;> done");
    Path tokens = dir.resolve("tokens");
    Files.writeString(tokens, "# clients of the shared prover\nalice alice-token\n\nbob   bob-token\nroot root-token admin\n");
    ServerConfig config = ApiServer.config().withToken("operator-token").withClients(ClientToken.readFile(tokens));
    // A slow Lean keeps the jobs running while the test looks at them.
    server = ApiServer.start(f, StandInProvers.portfolio(f, 3000), config);
  }

  @AfterEach
  void tearDown() {
    server.client.close();
    f.close();
  }

  private String submitAs(String auth, String theorem) {
    JsonObject body = new JsonObject().put("code", "import Mathlib\n\ntheorem " + theorem + " : (2 : ℝ) + 2 = 4 := by\n  sorry\n");
    HttpResponse<Buffer> r = server.client.post("/prove").addQueryParam("async", "true").putHeader("Authorization", auth)
        .sendJsonObject(body).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    return r.bodyAsJsonObject().getString("jobId");
  }

  private HttpResponse<Buffer> as(String auth, io.vertx.core.http.HttpMethod method, String path) {
    return server.client.request(method, path).putHeader("Authorization", auth).send().await();
  }

  private List<String> listedFor(String auth) {
    return as(auth, io.vertx.core.http.HttpMethod.GET, "/jobs").bodyAsJsonObject().getJsonArray("jobs").stream()
        .map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toList());
  }

  @Test
  void jobs_eachClient_listsOnlyItsOwn() {
    String a = submitAs(ALICE, "from_alice");
    String b = submitAs(BOB, "from_bob");

    assertThat(listedFor(ALICE)).containsExactly(a);
    assertThat(listedFor(BOB)).containsExactly(b);
    assertThat(listedFor(ROOT)).containsExactlyInAnyOrder(a, b);
    assertThat(listedFor(OPERATOR)).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void jobs_anotherClientsJob_is404ForGetDeleteAndEvents() {
    String a = submitAs(ALICE, "from_alice");

    HttpResponse<Buffer> get = as(BOB, io.vertx.core.http.HttpMethod.GET, "/jobs/" + a);
    HttpResponse<Buffer> delete = as(BOB, io.vertx.core.http.HttpMethod.DELETE, "/jobs/" + a);
    SseClient events = SseClient.open(f.vertx, server.port, "/jobs/" + a + "/events", Map.of("Authorization", BOB));

    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(ApiServer.error(get).getString("code")).isEqualTo("job_not_found");
    assertThat(delete.statusCode()).isEqualTo(404);
    ApiServer.sleep(300);
    assertThat(events.status.get()).isEqualTo(404);
    assertThat(as(ALICE, io.vertx.core.http.HttpMethod.GET, "/jobs/" + a).bodyAsJsonObject().getString("state"))
        .as("bob's DELETE did not cancel it").isIn("queued", "running");
    assertThat(as(ALICE, io.vertx.core.http.HttpMethod.GET, "/jobs/" + a).statusCode()).isEqualTo(200);
    assertThat(as(ROOT, io.vertx.core.http.HttpMethod.DELETE, "/jobs/" + a).bodyAsJsonObject().getString("state"))
        .isEqualTo("cancelled");
  }

  @Test
  void tokensFile_malformedOrDuplicate_isRefusedNamingTheLine() throws Exception {
    Path bad = dir.resolve("bad");
    Files.writeString(bad, "alice a1\nbob\n");
    Path twice = dir.resolve("twice");
    Files.writeString(twice, "alice a1\nalice a2\n");

    assertThatThrownBy(() -> ClientToken.readFile(bad)).hasMessageContaining(bad + ":2");
    assertThatThrownBy(() -> ClientToken.readFile(twice)).hasMessageContaining("two clients are named alice");
    assertThatThrownBy(() -> ApiServer.config().withToken("a1").withClients(ClientToken.readFile(dir.resolve("tokens")).subList(0, 1)
        .stream().map(c -> new ClientToken(c.name(), "operator", false)).collect(Collectors.toList())).withToken("operator"))
        .hasMessageContaining("clashes with --token");
  }
}
