package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.standin.StandInLean;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs on loopback: this test's JVM coordinates a batch with {@code --cluster}, two child JVMs
 * run {@code leanprove worker}; one worker is killed with SIGKILL mid-batch. The batch still logs
 * every attempt exactly once and ends with the summary of a single-machine run.
 */
final class ClusterBatchTest {

  @TempDir
  Path dir;

  BatchFixture fixture;
  StandInLean lean;
  final List<Process> workers = new ArrayList<>();

  @BeforeEach
  void setUp() {
    fixture = BatchFixture.start(dir, List.of("mathd_algebra_159", "mathd_numbertheory_48", "amc12a_2021_p7"),
        List.of("mathd_algebra_10", "amc12a_2002_p1"), List.of("mathd_algebra_101", "mathd_algebra_104", "amc12a_2008_p2", "aime_1984_p5"));
    lean = fixture.lean;
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    for (Process w : workers) {
      w.destroyForcibly();
      w.waitFor(30, TimeUnit.SECONDS);
    }
    fixture.close();
  }

  @Test
  void clusterBatch_workerKilledMidRun_losesNoAttemptCountsNoneTwiceAndSummarisesAsOneMachine() throws Exception {
    int coordinatorPort = freePort();
    int[] workerPorts = {freePort(), freePort()};
    String members = "127.0.0.1:" + coordinatorPort + ",127.0.0.1:" + workerPorts[0] + ",127.0.0.1:" + workerPorts[1];
    for (int i = 0; i < 2; i++) {
      workers.add(startWorker(i, workerPorts[i], members));
    }
    for (int i = 0; i < 2; i++) {
      awaitJoined(i);
    }
    Path clustered = dir.resolve("clustered");
    CompletableFuture<CliRun> batch = CompletableFuture.supplyAsync(() -> CliRun.of(lean.systemEnv(),
        args(clustered, "--cluster", "--cluster-port", Integer.toString(coordinatorPort), "--cluster-members", members)));

    awaitAttemptsOnBothWorkersThenKillFirst(batch);
    CliRun run = batch.get(240, TimeUnit.SECONDS);
    CliRun single = CliRun.of(lean.systemEnv(), args(dir.resolve("single")));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(single.exitCode()).as(single.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(workers.get(0).exitValue()).as("killed, not exited").isEqualTo(137);
    assertThat(leanRuns(1)).as("the surviving worker took over").isPositive();
    JsonObject summary = BatchCommandTest.summary(clustered);
    assertThat(BatchCommandTest.comparable(summary)).isEqualTo(BatchCommandTest.comparable(BatchCommandTest.summary(dir.resolve("single"))));
    assertThat(summary.getJsonObject("problems").getInteger("proved")).isEqualTo(5);
    List<JsonObject> lines = BatchCommandTest.lines(clustered);
    fixture.assertEveryProblemOnceWithItsSamples(lines);
    assertThat(lines.stream().filter(l -> l.getString("type").equals("attempt")))
        .allSatisfy(l -> assertThat(l.getString("verdict")).as("no attempt lost to the killed worker: %s", l.encode())
            .isNotEqualTo("SYSTEM_ERROR"));
  }

  private Process startWorker(int index, int port, String members) throws IOException {
    Map<String, String> env = new HashMap<>(lean.systemEnv());
    // Slow checks keep the batch going long enough to kill a worker with checks in flight.
    env.put("FAKE_LEAN_DELAY_MS", "200");
    // Each worker's stand-in logs to its own file, which its sandboxed Lean runs may write.
    Path log = Files.createFile(dir.resolve("worker" + index + "-lean.log"));
    env.put("FAKE_LEAN_LOG", log.toString());
    env.put(SandboxPolicy.WRITABLE_VARIABLE, log.toString());
    ProcessBuilder pb = new ProcessBuilder(BatchFixture.childJvm(List.of("-Xmx256m"), "worker", "--workspace",
        lean.workspace().dir().toString(), "--lean-jobs", "2", "--cluster-host", "127.0.0.1", "--cluster-port",
        Integer.toString(port), "--cluster-members", members));
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("worker" + index + ".out").toFile());
    pb.redirectError(dir.resolve("worker" + index + ".err").toFile());
    return pb.start();
  }

  private void awaitJoined(int index) throws Exception {
    Path out = dir.resolve("worker" + index + ".out");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!workers.get(index).isAlive()) {
        throw new AssertionError("worker " + index + " ended: " + Files.readString(dir.resolve("worker" + index + ".err")));
      }
      if (Files.exists(out) && Files.readString(out).contains("joined the cluster")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("worker " + index + " did not join: " + Files.readString(dir.resolve("worker" + index + ".err")));
  }

  /** Waits until both workers have run Lean and the batch has problems in flight, then kills the first with -9. */
  private void awaitAttemptsOnBothWorkersThenKillFirst(CompletableFuture<CliRun> batch) throws Exception {
    Path log = dir.resolve("clustered/attempts.jsonl");
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (batch.isDone()) {
        throw new AssertionError("the batch ended before a worker was killed: " + batch.get().err());
      }
      if (leanRuns(0) > 2 && leanRuns(1) > 0 && Files.exists(log)) {
        Set<String> finished = Files.readAllLines(log).stream().filter(l -> l.contains("\"type\":\"problem\""))
            .map(l -> new JsonObject(l).getString("problem")).collect(Collectors.toSet());
        if (finished.size() < fixture.all().size() - 3) {
          workers.get(0).destroyForcibly();
          assertThat(workers.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
          return;
        }
        throw new AssertionError("the batch nearly finished before both workers were busy");
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the workers never both ran Lean");
  }

  private long leanRuns(int worker) throws IOException {
    Path log = dir.resolve("worker" + worker + "-lean.log");
    return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains("\"prog\": \"lean\"") || l.contains("\"prog\":\"lean\"")).count() : 0;
  }

  private String[] args(Path out, String... more) {
    return fixture.args(out, 3, more);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
