package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.process.Sandbox;
import dev.leanprove.leanbridge.standin.StandInLean;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ServeCommandTest {

  @TempDir
  Path dir;

  StandInLean lean;
  Map<String, String> env;
  String workspace;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir.resolve("lean"), 1);
    env = new HashMap<>(lean.systemEnv());
    workspace = lean.workspace().dir().toString();
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  @Test
  void serve_badJobOrAccessOptions_exitsTwoBeforeStartingAnything() {
    Object[][] cases = {
        {new String[] {"--max-jobs", "0"}, "running jobs must be at least 1"},
        {new String[] {"--queue-size", "-1"}, "queue size must not be negative"},
        {new String[] {"--keep-raw-output", "-1"}, "raw output kept per job must not be negative"},
        {new String[] {"--keep-finished-mb", "-1"}, "bytes kept of finished jobs must not be negative"},
        {new String[] {"--cors-origin", "localhost:3000"}, "CORS origin"},
        {new String[] {"--cors-origin", "http://localhost:3000/app"}, "without a path"},
        {new String[] {"--token", " "}, "token must not be blank"},
    };
    for (Object[] c : cases) {
      String[] options = (String[]) c[0];
      String[] args = new String[options.length + 3];
      args[0] = "serve";
      args[1] = "--workspace";
      args[2] = workspace;
      System.arraycopy(options, 0, args, 3, options.length);

      CliRun run = CliRun.of(env, args);

      assertThat(run.exitCode()).as(String.join(" ", options)).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).contains((String) c[1]);
    }
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void serve_tokenFromTheEnvironment_guardsEveryRouteButHealth() throws Exception {
    env.put("LEANPROVE_TOKEN", "from-env");
    StringWriter served = new StringWriter();
    Thread server = new Thread(() -> Main.run(new String[] {"serve", "--port", "0", "--workspace", workspace, "--max-jobs", "1",
        "--queue-size", "0", "--cors-origin", "http://localhost:3000"}, new CliEnvironment(env), new PrintWriter(served, true),
        new PrintWriter(new StringWriter())));
    server.start();
    Vertx vertx = Vertx.vertx();
    try {
      int port = ServeListening.awaitPort(served, Duration.ofSeconds(20));
      WebClient client = WebClient.create(vertx);

      assertThat(served.toString()).contains("bearer token required");
      assertThat(client.get(port, "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
      assertThat(client.get(port, "127.0.0.1", "/jobs").send().await().statusCode()).isEqualTo(401);
      assertThat(client.get(port, "127.0.0.1", "/jobs").bearerTokenAuthentication("from-env").send().await().statusCode())
          .isEqualTo(200);
      assertThat(client.get(port, "127.0.0.1", "/health").putHeader("Origin", "http://localhost:3000").send().await()
          .getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
      client.close();
    } finally {
      server.interrupt();
      server.join(20_000);
      vertx.close().await();
    }
    assertThat(server.isAlive()).isFalse();
  }

  /** A bwrap that fails as it does where user namespaces are forbidden. */
  private void breakBubblewrap() throws Exception {
    Path fake = dir.resolve("bwrap");
    Files.writeString(fake, "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.put(Sandbox.BWRAP_VARIABLE, fake.toString());
  }

  @Test
  void serve_bubblewrapUnusable_exitsThreeNamingBubblewrapAndNoSandbox() throws Exception {
    breakBubblewrap();

    CliRun run = CliRun.of(env, "serve", "--port", "0", "--workspace", workspace);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("bubblewrap").contains("--no-sandbox").contains("Permission denied");
    assertThat(run.out()).doesNotContain("listening");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void serve_bubblewrapUnusableWithNoSandbox_startsAndHealthSaysUnsandboxed() throws Exception {
    breakBubblewrap();

    JsonObject health = healthOf("--no-sandbox");

    assertThat(health.getBoolean("sandbox")).isFalse();
  }

  @Test
  void serve_bubblewrapWorks_healthSaysSandboxed() throws Exception {
    String problem = StandInLean.sandboxProblem();
    Assumptions.assumeTrue(problem.isEmpty(), () -> {
      System.out.println("sandboxed serve test skipped: " + problem);
      return problem;
    });

    JsonObject health = healthOf();

    assertThat(health.getBoolean("sandbox")).isTrue();
  }

  private JsonObject healthOf(String... options) throws Exception {
    StringWriter served = new StringWriter();
    StringWriter errors = new StringWriter();
    String[] args = new String[options.length + 5];
    System.arraycopy(new String[] {"serve", "--port", "0", "--workspace", workspace}, 0, args, 0, 5);
    System.arraycopy(options, 0, args, 5, options.length);
    Thread server = new Thread(() -> Main.run(args, new CliEnvironment(env), new PrintWriter(served, true),
        new PrintWriter(errors, true)));
    server.start();
    Vertx vertx = Vertx.vertx();
    try {
      int port = ServeListening.awaitPort(served, Duration.ofSeconds(20));
      WebClient client = WebClient.create(vertx);
      JsonObject health = client.get(port, "127.0.0.1", "/health").send().await().bodyAsJsonObject();
      client.close();
      return health;
    } finally {
      server.interrupt();
      server.join(20_000);
      vertx.close().await();
    }
  }
}
