package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch killed with SIGKILL in a child JVM, then resumed, ends with the summary of a run never killed. */
final class BatchKillResumeTest {

  static final List<String> MODEL_PROVABLE =
      List.of("mathd_algebra_159", "mathd_numbertheory_48", "amc12a_2021_p7", "aime_1983_p9", "imo_1977_p5");

  @TempDir
  Path dir;

  BatchFixture batch;
  StandInLean lean;
  StandInModelServer model;

  @BeforeEach
  void setUp() {
    batch = BatchFixture.start(dir, MODEL_PROVABLE, List.of("mathd_algebra_10", "amc12a_2002_p1"),
        List.of("mathd_algebra_101", "mathd_algebra_104", "amc12a_2008_p2", "aime_1984_p5", "imo_1962_p4"));
    lean = batch.lean;
    model = batch.model;
  }

  @AfterEach
  void tearDown() {
    batch.close();
  }

  @Test
  void resume_afterKillDashNine_countsNoAttemptTwiceAndSummarisesAsAnUninterruptedRun() throws Exception {
    Path killed = dir.resolve("killed");
    Map<String, String> slowLean = new HashMap<>(lean.systemEnv());
    // Slow enough checks that the child is killed in the middle of the run, with problems in flight.
    slowLean.put("FAKE_LEAN_DELAY_MS", "150");
    Process child = childBatch(slowLean, killed);
    try {
      awaitMidRun(child, killed.resolve("attempts.jsonl"));
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);
    Set<String> finishedBeforeKill = problemRecords(killed);
    assertThat(finishedBeforeKill).hasSizeLessThan(12);

    CliRun resumed = CliRun.of(lean.systemEnv(), args(killed, "--resume"));
    CliRun uninterrupted = CliRun.of(lean.systemEnv(), args(dir.resolve("whole")));

    assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    JsonObject summary = BatchCommandTest.summary(killed);
    assertThat(BatchCommandTest.comparable(summary)).isEqualTo(BatchCommandTest.comparable(BatchCommandTest.summary(dir.resolve("whole"))));
    assertThat(summary.getInteger("sessions")).isEqualTo(2);
    assertThat(summary.getJsonObject("problems").getInteger("proved")).isEqualTo(7);
    assertThat(summary.getJsonObject("problems").getInteger("portfolioSolved")).isEqualTo(2);
    List<JsonObject> lines = BatchCommandTest.lines(killed);
    batch.assertEveryProblemOnceWithItsSamples(lines);
    // Nothing finished before the kill was tried again.
    int resumedAt = runRecordIndex(lines, 1);
    assertThat(lines.subList(resumedAt, lines.size()).stream().filter(l -> l.getString("type").equals("attempt"))
        .map(l -> l.getString("problem"))).doesNotContainAnyElementsOf(finishedBeforeKill);
    assertThat(Files.exists(killed.resolve("proofs/imo_1977_p5.lean"))).isTrue();
  }

  @Test
  void sigterm_midRun_writesTheSummaryAndLeavesUnfinishedProblemsForResume() throws Exception {
    model.responseDelay(Duration.ofSeconds(60));
    Path out = dir.resolve("terminated");
    Process child = childBatch(lean.systemEnv(), out);
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (model.requests(StandInModelServer.Route.COMPLETIONS).isEmpty()) {
        assertThat(child.isAlive()).as("batch ended early: %s", Files.exists(dir.resolve("child.err"))
            ? Files.readString(dir.resolve("child.err")) : "").isTrue();
        assertThat(System.nanoTime()).as("no model request").isLessThan(deadline);
        Thread.sleep(10);
      }

      child.destroy();

      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    JsonObject summary = BatchCommandTest.summary(out);
    assertThat(summary.getJsonObject("problems").getInteger("unfinished")).isPositive();
    assertThat(BatchCommandTest.lines(out).stream().filter(l -> l.getString("type").equals("problem"))
        .map(l -> l.getString("problem"))).doesNotContainAnyElementsOf(MODEL_PROVABLE);
  }

  private Process childBatch(Map<String, String> env, Path out) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(BatchFixture.childJvm(List.of(), args(out)));
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("child.out").toFile());
    pb.redirectError(dir.resolve("child.err").toFile());
    return pb.start();
  }

  /** Waits until some problems are finished and another one has attempts logged but is not finished. */
  private void awaitMidRun(Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        throw new AssertionError("the batch ended before it was killed: " + Files.readString(dir.resolve("child.err")));
      }
      if (Files.exists(log)) {
        List<JsonObject> lines = completeLines(log);
        Set<String> finished = lines.stream().filter(l -> l.getString("type").equals("problem"))
            .map(l -> l.getString("problem")).collect(Collectors.toSet());
        boolean inFlight = lines.stream().anyMatch(l -> l.getString("type").equals("attempt") && !finished.contains(l.getString("problem")));
        if (finished.size() >= 3 && inFlight) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the batch did not get going: " + Files.readString(dir.resolve("child.err")));
  }

  private static List<JsonObject> completeLines(Path log) throws IOException {
    String text = Files.readString(log);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of()
        : text.substring(0, end).lines().filter(l -> !l.isBlank()).map(JsonObject::new).collect(Collectors.toList());
  }

  private static Set<String> problemRecords(Path out) throws IOException {
    return completeLines(out.resolve("attempts.jsonl")).stream().filter(l -> l.getString("type").equals("problem"))
        .map(l -> l.getString("problem")).collect(Collectors.toSet());
  }

  private static int runRecordIndex(List<JsonObject> lines, int which) {
    int seen = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).getString("type").equals("run") && ++seen == which) {
        return i;
      }
    }
    throw new AssertionError("no run record number " + which);
  }

  private String[] args(Path out, String... more) {
    return batch.args(out, 2, more);
  }
}
