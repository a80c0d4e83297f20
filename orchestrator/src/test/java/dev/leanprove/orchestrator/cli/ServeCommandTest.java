package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
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
      int port = awaitPort(served, Duration.ofSeconds(20));
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

  private static int awaitPort(StringWriter out, Duration limit) throws InterruptedException {
    Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = listening.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start: " + out);
  }
}
