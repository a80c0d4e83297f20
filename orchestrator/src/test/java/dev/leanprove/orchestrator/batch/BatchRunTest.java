package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.search.SearchSettings;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BatchRunTest {

  static final String NAME = "mathd_numbertheory_48";
  static final RunSettings RUN = new RunSettings("openai", StandInModelServer.SERVED_MODEL, "4.24.0", 4, 16384, "cot repair=2 depth=2", true, false,
      OptionalLong.of(100));

  @TempDir
  Path dir;

  ProverFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = ProverFixture.start(dir.resolve("fixture"));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void resume_provedAttemptWithoutItsFinalCheck_isDiscardedAndTheSampleMadeAgain() throws Exception {
    fixture.acceptRealProof(NAME).scriptRealAnswer(NAME);
    Path out = dir.resolve("out");
    try (BatchLog log = BatchLog.open(out, false)) {
      log.append(Records.run(RUN));
      log.append(Records.attempt(NAME, 0, ReasonCode.LEAN_ERROR));
      log.append(Records.attempt(NAME, 1, ReasonCode.PROVED));
    }

    Summary summary = runToTheEnd(out, true, problems(NAME)).summary();

    List<JsonObject> lines = lines(out);
    assertThat(lines).filteredOn(l -> l.getString("type").equals("discard")).singleElement()
        .satisfies(d -> assertThat(d.getInteger("sample")).isEqualTo(1));
    List<JsonObject> newAttempts = lines.subList(indexOfRun(lines, 1), lines.size()).stream()
        .filter(l -> l.getString("type").equals("attempt")).collect(Collectors.toList());
    // The portfolio attempt stays; four model samples are drawn after the logged ones, with seeds from the run's.
    assertThat(newAttempts).extracting(a -> a.getInteger("sample")).containsExactlyInAnyOrder(2, 3, 4, 5);
    assertThat(newAttempts).extracting(a -> a.getString("verdict")).containsOnly("PROVED");
    assertThat(newAttempts).extracting(a -> a.getLong("seed")).containsOnly(101L, 103L);
    assertThat(summary.proved()).isEqualTo(1);
    assertThat(summary.problems().get(0).samples()).isEqualTo(4);
    assertThat(summary.problems().get(0).correct()).isEqualTo(4);
    assertThat(summary.attempts()).isEqualTo(5);
    assertThat(Files.readString(out.resolve("proofs/" + NAME + ".lean"))).doesNotContain("sorry");
    assertThat(newAttempts).extracting(a -> a.getString("strategy")).containsOnly("whole-proof");
  }

  @Test
  void open_resumeWithOtherSettings_refusedNamingTheDifference() {
    Path out = dir.resolve("out");
    try (BatchLog log = BatchLog.open(out, false)) {
      log.append(Records.run(RUN));
    }
    RunSettings other = new RunSettings("openai", "another-model", "4.9.0", 4, 16384, "cot repair=2 depth=2", true, false, OptionalLong.of(100));

    assertThatThrownBy(() -> BatchRun.open(out, true, settings(other), s -> fixture.prover(Optional.of(fixture.openAi()), s)))
        .isInstanceOf(BatchInputException.class)
        .hasMessageContaining("model was " + StandInModelServer.SERVED_MODEL + ", now another-model")
        .hasMessageContaining("Lean toolchain was 4.24.0, now 4.9.0");
  }

  @Test
  void cancel_midRun_stopsQuicklyAndFinishesNothingItDidNotFinish() throws Exception {
    fixture.model.responseDelay(Duration.ofSeconds(60));
    Path out = dir.resolve("out");
    ProblemSet problems = problems("mathd_algebra_10", "mathd_numbertheory_48", "amc12a_2002_p1");
    BatchRun run = BatchRun.open(out, false, settings(RUN), s -> fixture.prover(Optional.of(fixture.openAi()), s));
    try {
      Future<Void> proving = run.prove(problems, fixture.vertx.getOrCreateContext(), ProgressListener.none());
      awaitRequests(2);

      run.cancel();

      proving.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      BatchOutcome outcome = run.summarize(problems);
      assertThat(outcome.stopReason()).contains("cancelled");
      assertThat(outcome.summary().unfinished()).isEqualTo(3);
      assertThat(lines(out)).noneMatch(l -> l.getString("type").equals("problem"));
    } finally {
      run.close();
    }
  }

  @Test
  void prove_problemSolvedByDecomposition_countsOnlyTheModelsOwnProofsAsSamples() throws Exception {
    // The model's whole proofs fail; its sketch's subgoal (x ^ 2 = 2 ^ 2 from x = 2) is closed by the
    // portfolio's simp_all; composing it proves the theorem.
    String statement = "theorem sq_two (x : ℝ) (h₀ : x = 2) : x ^ 2 = 4 := by";
    fixture.lean.steps("sq_two", "norm_num [h1]");
    fixture.lean.proposition("x ^ 2 = 2 ^ 2", "simp_all <;> done");
    fixture.model.script("sq_two", "### Lean 4 Proof with `have` Statements\n\n```lean4\n" + statement
        + "\n  have h1 : x ^ 2 = 2 ^ 2 := by sorry\n  norm_num [h1]\n```\n\n### Complete Lean 4 Proof\n\n```lean4\n"
        + statement + "\n  ring\n```");
    Path out = dir.resolve("out");
    BatchSettings decomposing = new BatchSettings(RUN, SearchSettings.DEFAULT.withSamplesPerRound(2).withRepair(0, 1)
        .withSeed(RUN.seed()), 1_000_000, Duration.ofMinutes(2), 1);
    ProblemSet problems = new ProblemSet(
        List.of(Problem.of("sq_two", "valid", "sq_two.lean", "import Mathlib\n\n" + statement + "\n  sorry\n")), List.of());

    Summary summary;
    try (BatchRun run = BatchRun.open(out, false, decomposing, s -> fixture.prover(Optional.of(fixture.openAi()), s))) {
      run.prove(problems, fixture.vertx.getOrCreateContext(), ProgressListener.none())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      summary = run.summarize(problems).summary();
    }

    assertThat(summary.proved()).isEqualTo(1);
    Summary.ProblemLine line = summary.problems().get(0);
    assertThat(line.portfolio()).as("a subgoal's portfolio proof is not the problem's").isFalse();
    assertThat(line.detail()).contains("decompose");
    List<JsonObject> attempts = lines(out).stream().filter(l -> l.getString("type").equals("attempt")).collect(Collectors.toList());
    // The theorem's own portfolio try is sample 0; the model's whole proofs are samples 1..; the rest is decomposition.
    assertThat(attempts).filteredOn(a -> a.getInteger("sample") == 0).singleElement()
        .satisfies(a -> assertThat(a.getString("theorem")).isEqualTo("sq_two"));
    assertThat(attempts).filteredOn(a -> a.getInteger("sample") > 0).isNotEmpty()
        .allSatisfy(a -> assertThat(a.getString("strategy")).isEqualTo("whole-proof"))
        .allSatisfy(a -> assertThat(a.getString("verdict")).isNotEqualTo("PROVED"));
    assertThat(attempts).filteredOn(a -> a.getInteger("sample") < 0).extracting(a -> a.getString("strategy"))
        .contains("decompose", "portfolio", "compose");
    assertThat((long) line.samples()).isEqualTo(attempts.stream().filter(a -> a.getInteger("sample") > 0).count());
  }

  private BatchOutcome runToTheEnd(Path out, boolean resume, ProblemSet problems) throws Exception {
    try (BatchRun run = BatchRun.open(out, resume, settings(RUN), s -> fixture.prover(Optional.of(fixture.openAi()), s))) {
      run.prove(problems, fixture.vertx.getOrCreateContext(), ProgressListener.none())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return run.summarize(problems);
    }
  }

  private void awaitRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (fixture.model.requests(StandInModelServer.Route.COMPLETIONS).size() < n) {
      assertThat(System.nanoTime()).as("model requests").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static BatchSettings settings(RunSettings run) {
    return new BatchSettings(run, SearchSettings.DEFAULT.withSamplesPerRound(2).withMaxDepth(0).withSeed(run.seed()), 1_000_000,
        Duration.ofMinutes(2), 2);
  }

  private static ProblemSet problems(String... names) {
    List<Problem> list = java.util.Arrays.stream(names)
        .map(n -> Problem.of(n, "valid", n + ".lean", MiniF2F.problem(n))).collect(Collectors.toList());
    return new ProblemSet(list, List.of());
  }

  private static List<JsonObject> lines(Path out) throws Exception {
    return Files.readAllLines(out.resolve(BatchLog.FILE_NAME)).stream().map(JsonObject::new).collect(Collectors.toList());
  }

  private static int indexOfRun(List<JsonObject> lines, int which) {
    int seen = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).getString("type").equals("run") && ++seen == which) {
        return i;
      }
    }
    throw new AssertionError("no run record number " + which);
  }
}
