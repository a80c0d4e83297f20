package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.standin.MiniF2F;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leanprove serve} in a child JVM, stopped with SIGTERM while Lean checks run and wait. */
final class ServeShutdownTest {

  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  StandInLean lean;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir.resolve("lean"), 1);
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  @Test
  void sigterm_withChecksRunningAndQueued_leavesNoLeanProcessBehind() throws Exception {
    Map<String, String> env = new HashMap<>(lean.systemEnv());
    // Slow checks, one Lean run at a time: when the signal comes, one check runs and the others queue.
    env.put("FAKE_LEAN_DELAY_MS", "3000");
    Process child = childServe(env);
    try {
      int port = awaitPort(child);
      HttpClient http = HttpClient.newHttpClient();
      for (String name : List.of("mathd_algebra_159", "mathd_numbertheory_48", "mathd_algebra_10", "amc12a_2002_p1")) {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prove?async=true"))
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(MiniF2F.problem(name))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      }
      ProcessProbe.awaitCondition(() -> lean.leanRuns() >= 1, Duration.ofSeconds(30));
      assertThat(lean.leanRuns()).as("a Lean check is running").isGreaterThanOrEqualTo(1);

      child.destroy();

      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("serve stopped on SIGTERM").isTrue();
    } finally {
      child.destroyForcibly();
    }
    // A check that started while the JVM exited would still be running (3 s) or show up in the log now.
    Thread.sleep(500);
    List<Long> started = lean.startedPids();
    assertThat(started).isNotEmpty().allSatisfy(pid -> assertThat(ProcessProbe.isRunning(pid)).as("pid " + pid).isFalse());
    assertThat(Files.readString(dir.resolve("child.err"))).contains("stopping");
    assertThat(lean.workspace().dir().resolve(".leanprove-checks")).satisfiesAnyOf(
        checks -> assertThat(checks).doesNotExist(), checks -> assertThat(checks).isEmptyDirectory());
  }

  private Process childServe(Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--port", "0", "--workspace", lean.workspace().dir().toString(), "--lean-jobs", "1", "--max-jobs", "4"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("child.out").toFile());
    pb.redirectError(dir.resolve("child.err").toFile());
    return pb.start();
  }

  private int awaitPort(Process child) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(child.isAlive()).as("serve ended: %s", Files.readString(dir.resolve("child.err"))).isTrue();
      Matcher m = LISTENING.matcher(Files.readString(dir.resolve("child.out")));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("serve did not start: " + Files.readString(dir.resolve("child.err")));
  }
}
