package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProveCommandTest {

  static final String NAME = "mathd_numbertheory_48";

  @TempDir
  Path dir;

  Vertx vertx;
  StandInModelServer model;
  StandInLean lean;
  Map<String, String> env;
  String workspace;
  Path problem;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    model = StandInModelServer.start(vertx).await();
    model.script(NAME, MiniF2F.cotAnswerFor(NAME));
    lean = StandInLean.create(dir.resolve("lean"), 1);
    lean.accept(NAME, MiniF2F.realProof(NAME));
    env = lean.systemEnv();
    workspace = lean.workspace().dir().toString();
    problem = dir.resolve(NAME + ".lean");
    Files.writeString(problem, MiniF2F.problem(NAME));
  }

  @AfterEach
  void tearDown() {
    model.close().await();
    vertx.close().await();
    lean.close();
  }

  @Test
  void prove_withModelEndpoint_writesTheVerifiedFile() throws Exception {
    Path out = dir.resolve("out.lean");

    CliRun run = CliRun.of(env, "prove", "--workspace", workspace, "--endpoint", model.endpoint().toString(),
        "--out", out.toString(), problem.toString());

    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("✓ " + NAME + "  PROVED").contains("1 of 1 proved")
        .contains("├─ portfolio a1  LEAN_ERROR  ").containsPattern("whole-proof a\\d+  PROVED");
    assertThat(Files.readString(out)).doesNotContain("sorry").contains("nlinarith [sq_nonneg (b : ℤ), h₀, h₁]");
  }

  @Test
  void prove_xinferenceWithoutModel_launchesTheProverThenProves() {
    CliRun run = CliRun.of(env, "prove", "--workspace", workspace, "--engine", "xinference",
        "--endpoint", model.endpoint().toString(), problem.toString());

    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCodes.OK);
    assertThat(model.requests(StandInModelServer.Route.XINFERENCE_LAUNCH)).singleElement()
        .satisfies(r -> assertThat(r.json().getString("model_name")).isEqualTo("deepseek-prover-v2"));
    assertThat(model.requests(StandInModelServer.Route.CHAT)).isNotEmpty();
  }

  @Test
  void prove_noModelAndPortfolioFails_exitsOne() {
    CliRun run = CliRun.of(env, "prove", "--workspace", workspace, problem.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(run.out()).contains("✗ " + NAME);
    assertThat(model.requests()).isEmpty();
  }

  @Test
  void prove_modelServerDown_exitsThree() {
    CliRun run = CliRun.of(env, "prove", "--workspace", workspace, "--endpoint", "http://127.0.0.1:1", problem.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("model server could not be used").contains("CONNECTION");
  }

  @Test
  void prove_unknownTheorem_exitsTwo() {
    CliRun run = CliRun.of(env, "prove", "--workspace", workspace, "--theorem", "nope", problem.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no theorem named \"nope\"");
  }

  @Test
  void prove_negativeVerdictCache_exitsTwo() {
    CliRun run = CliRun.of(env, "prove", "--workspace", workspace, "--verdict-cache", "-1", problem.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--verdict-cache must be between 0 and");
  }

  @Test
  void prove_unknownEngine_exitsTwo() {
    CliRun run = CliRun.of(env, "prove", "--workspace", workspace, "--engine", "gpt", problem.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void proveCommandAndServedPostProve_giveTheSameResult() throws Exception {
    CliRun cli = CliRun.of(env, "prove", "--json", "--workspace", workspace, "--endpoint", model.endpoint().toString(),
        problem.toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();

    StringWriter served = new StringWriter();
    Thread server = new Thread(() -> Main.run(new String[] {"serve", "--port", "0", "--workspace", workspace,
        "--endpoint", model.endpoint().toString()}, new CliEnvironment(env), new PrintWriter(served, true), new PrintWriter(new StringWriter())));
    server.start();
    try {
      int port = ServeListening.awaitPort(served, Duration.ofSeconds(20));
      WebClient client = WebClient.create(vertx);
      JsonObject http = client.post(port, "127.0.0.1", "/prove")
          .sendJsonObject(new JsonObject().put("code", MiniF2F.problem(NAME))).await().bodyAsJsonObject();
      client.close();

      assertThat(comparable(http)).isEqualTo(comparable(new JsonObject(cli.out())));
    } finally {
      server.interrupt();
      server.join(20_000);
    }
    assertThat(server.isAlive()).isFalse();
  }

  /** The result without what differs between two runs by nature: times and cache hits. */
  private static JsonObject comparable(JsonObject result) {
    JsonObject copy = result.copy();
    copy.remove("wallMs");
    JsonArray theorems = copy.getJsonArray("theorems");
    for (int i = 0; i < theorems.size(); i++) {
      JsonObject t = theorems.getJsonObject(i);
      t.remove("wallMs");
      JsonArray attempts = t.getJsonArray("attempts");
      for (int j = 0; j < attempts.size(); j++) {
        JsonObject a = attempts.getJsonObject(j);
        a.remove("generationMs");
        a.remove("verificationMs");
        a.remove("cached");
      }
    }
    return copy;
  }
}
