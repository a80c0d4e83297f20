package dev.leanprove.orchestrator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineType;
import dev.leanprove.orchestrator.engine.ModelSpec;
import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import dev.leanprove.orchestrator.standin.StandInModelServer.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileProverTest {

  static final List<String> PROBLEMS = List.of("mathd_numbertheory_48", "mathd_algebra_159", "amc12a_2021_p7");

  static final Budget BUDGET = new Budget(8, 500_000, Duration.ofMinutes(2));

  /** Whole proofs and repair only, for tests that count model requests of that stage. */
  static final SearchSettings WHOLE_ONLY = SearchSettings.DEFAULT.withMaxDepth(0);

  @TempDir
  Path dir;

  ProverFixture f;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir);
    for (String name : PROBLEMS) {
      f.acceptRealProof(name).scriptRealAnswer(name);
    }
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ProveResult prove(FileProver prover, String code) {
    return prove(prover, code, Optional.empty(), BUDGET, new ArrayList<>());
  }

  private ProveResult prove(FileProver prover, String code, Optional<String> theorem, Budget budget, List<SearchEvent> seen) {
    ProveRequest request = new ProveRequest(code, theorem, "", budget);
    return prover.submit(request, f.vertx.getOrCreateContext(), seen::add).await();
  }

  private static void assertProvedWithRealProof(ProveResult r, String name) {
    assertThat(r.status()).as(r.theorems().toString()).isEqualTo(ReasonCode.PROVED);
    TheoremResult t = r.theorems().get(0);
    assertThat(t.name()).isEqualTo(name);
    assertThat(t.proof()).isPresent();
    assertThat(r.code()).doesNotContain("sorry").contains(MiniF2F.realProof(name).lines().skip(1).findFirst().orElseThrow().strip());
    assertThat(t.attempts()).anySatisfy(a -> {
      assertThat(a.strategy()).isEqualTo(WholeProofStrategy.NAME);
      assertThat(a.promptId()).isEqualTo("deepseek-v2-cot");
      assertThat(a.rawOutput()).contains("### Complete Lean 4 Proof");
      assertThat(a.verdict()).isEqualTo(ReasonCode.PROVED);
    });
  }

  @Test
  void prove_openAiEngine_provesMiniF2FProblemsWithTheModelsRealProofs() {
    FileProver prover = f.prover(Optional.of(f.openAi()), SearchSettings.DEFAULT);

    for (String name : PROBLEMS) {
      assertProvedWithRealProof(prove(prover, MiniF2F.problem(name)), name);
    }
    // Portfolio first (no model call), then one request carrying n for each problem.
    assertThat(f.model.requests(Route.COMPLETIONS)).hasSize(PROBLEMS.size())
        .allSatisfy(r -> assertThat(r.json().getInteger("n")).isEqualTo(4));
  }

  @Test
  void prove_xinferenceEngine_launchesThenProves() {
    EngineConfig xinference = EngineConfig.of(EngineType.XINFERENCE, f.model.endpoint(), "").withRetry(ProverFixture.FAST_RETRY);
    String uid = f.factory.xinference(xinference).launch(ModelSpec.PROVER_V2_7B, ModelSpec.Backend.VLLM, Duration.ofSeconds(10)).await();
    FileProver prover = f.prover(Optional.of(xinference.withModel(uid)), SearchSettings.DEFAULT);

    assertProvedWithRealProof(prove(prover, MiniF2F.problem("mathd_numbertheory_48")), "mathd_numbertheory_48");
    // Xinference drops n: the engine fans out one request per sample.
    assertThat(f.model.requests(Route.CHAT)).hasSize(4).allSatisfy(r -> assertThat(r.json().containsKey("n")).isFalse());
  }

  @Test
  void prove_ollamaEngine_proves() {
    EngineConfig ollama = EngineConfig.of(EngineType.OLLAMA, f.model.endpoint(), StandInModelServer.OLLAMA_MODEL)
        .withRetry(ProverFixture.FAST_RETRY);
    FileProver prover = f.prover(Optional.of(ollama), SearchSettings.DEFAULT);

    assertProvedWithRealProof(prove(prover, MiniF2F.problem("mathd_algebra_159")), "mathd_algebra_159");
    assertThat(f.model.requests(Route.OLLAMA_GENERATE)).hasSize(4)
        .allSatisfy(r -> assertThat(r.json().getBoolean("raw")).isTrue());
  }

  @Test
  void prove_portfolioOnly_provesWithoutAnyModel() {
    f.lean.accept("two_plus_two_real", "norm_num <;> done");
    String code = "import Mathlib\n\ntheorem two_plus_two_real : (2 : ℝ) + 2 = 4 := by\n  sorry\n";

    ProveResult r = prove(f.prover(Optional.empty(), SearchSettings.DEFAULT), code);

    assertThat(r.status()).isEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems().get(0).attempts()).singleElement().satisfies(a -> assertThat(a.strategy()).isEqualTo("portfolio"));
    assertThat(f.model.requests()).isEmpty();
  }

  @Test
  void prove_portfolioOnlyFails_detailCountsOneAttemptInTheSingular() {
    String code = "import Mathlib\n\ntheorem two_plus_two_real : (2 : ℝ) + 2 = 4 := by\n  sorry\n";

    ProveResult r = prove(f.prover(Optional.empty(), SearchSettings.DEFAULT), code);

    assertThat(r.theorems().get(0).attempts()).hasSize(1);
    assertThat(r.theorems().get(0).detail()).isEqualTo("not proved within the budget (1 attempt)");
  }

  @Test
  void prove_portfolioThatHangs_isCutAtItsOwnShorterLimit() {
    String hanging = MiniF2F.problem("mathd_algebra_159").replace("import Mathlib\n", "import Mathlib\n-- FAKE_LEAN: hang\n");

    ProveResult r = prove(f.prover(Optional.empty(), SearchSettings.DEFAULT.withPortfolioTimeout(Duration.ofSeconds(1))), hanging);

    Attempt portfolio = r.theorems().get(0).attempts().get(0);
    assertThat(portfolio.strategy()).isEqualTo("portfolio");
    assertThat(portfolio.verdict()).isEqualTo(ReasonCode.TIMEOUT);
    // The limit that ended it is the portfolio's own 1 s, not the verifier's 300 s.
    assertThat(portfolio.detail()).contains("within the 1 s limit");
  }

  @Test
  void prove_modelRestatesADifferentTheorem_isNeverProved() {
    // The model "proves" a weaker statement with a proof Lean would accept for it.
    String solution = MiniF2F.solutionFile("mathd_numbertheory_48")
        .replace("(h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4", "(h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) (h₂ : b = 4) : b = 4");
    f.model.script("mathd_numbertheory_48", MiniF2F.cotAnswer(solution));

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), WHOLE_ONLY), MiniF2F.problem("mathd_numbertheory_48"));

    assertThat(r.status()).isNotEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems().get(0).attempts()).filteredOn(a -> a.strategy().equals(WholeProofStrategy.NAME))
        .isNotEmpty().allSatisfy(a -> assertThat(a.verdict()).isEqualTo(ReasonCode.STATEMENT_CHANGED));
    assertThat(r.code()).contains("sorry");
  }

  @Test
  void prove_modelCheatsWithSorryOrAxiom_isNeverProved() {
    String sorried = MiniF2F.solutionFile("mathd_algebra_159").replace("  linarith", "  sorry");
    String axiom = MiniF2F.solutionFile("mathd_algebra_159")
        .replace("theorem mathd_algebra_159", "axiom cheat : False\n\ntheorem mathd_algebra_159");
    f.model.script("mathd_algebra_159", MiniF2F.cotAnswer(sorried), MiniF2F.cotAnswer(axiom));

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), WHOLE_ONLY.withSamplesPerRound(2)),
        MiniF2F.problem("mathd_algebra_159"), Optional.empty(), new Budget(2, 100_000, Duration.ofMinutes(1)), new ArrayList<>());

    assertThat(r.status()).isNotEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems().get(0).attempts()).extracting(Attempt::verdict)
        .contains(ReasonCode.SORRY, ReasonCode.FORBIDDEN).doesNotContain(ReasonCode.PROVED);
  }

  @Test
  void prove_modelNeverRight_spendsExactlyTheSampleBudget() {
    f.model.script("mathd_algebra_159", "I could not find a proof.");
    List<SearchEvent> seen = new ArrayList<>();

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), WHOLE_ONLY), MiniF2F.problem("mathd_algebra_159"),
        Optional.empty(), BUDGET, seen);

    TheoremResult t = r.theorems().get(0);
    assertThat(t.proved()).isFalse();
    assertThat(t.samples()).isEqualTo(8);
    assertThat(f.model.requests(Route.COMPLETIONS)).hasSize(2);
    // The portfolio's attempt plus one per sample, each reported as it happened.
    assertThat(t.attempts()).hasSize(9);
    assertThat(seen).filteredOn(e -> e instanceof SearchEvent.AttemptJudged).hasSize(9);
    // theorem_started, then the portfolio's start and candidate, one start per round, ... theorem_done last.
    assertThat(seen.get(0).type()).isEqualTo("theorem_started");
    assertThat(seen).filteredOn(e -> e instanceof SearchEvent.AttemptStarted).extracting(e -> ((SearchEvent.AttemptStarted) e).samples())
        .containsExactly(0, 4, 4);
    assertThat(seen.get(seen.size() - 1)).isInstanceOf(SearchEvent.TheoremFinished.class);
    assertThat(t.detail()).contains("not proved within the budget");
  }

  @Test
  void prove_fixedSeed_eachRoundGetsItsOwnSeed() {
    f.model.script("mathd_algebra_159", "I could not find a proof.");

    prove(f.prover(Optional.of(f.openAi()), WHOLE_ONLY.withSeed(java.util.OptionalLong.of(100))),
        MiniF2F.problem("mathd_algebra_159"));

    // The same seed again would only repeat the first round's samples.
    assertThat(f.model.requests(Route.COMPLETIONS)).extracting(r -> r.json().getLong("seed")).containsExactly(100L, 104L);
  }

  @Test
  void prove_identicalCandidates_areVerifiedOnce() {
    f.model.script("mathd_algebra_159", "```lean4\ntheorem mathd_algebra_159 (b : ℝ) (f : ℝ → ℝ)\n"
        + "  (h₀ : ∀ x, f x = 3 * x ^ 4 - 7 * x ^ 3 + 2 * x ^ 2 - b * x + 1) (h₁ : f 1 = 1) : b = -2 := by\n  linarith\n```");

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), WHOLE_ONLY), MiniF2F.problem("mathd_algebra_159"),
        Optional.empty(), new Budget(4, 100_000, Duration.ofMinutes(1)), new ArrayList<>());

    List<Attempt> model = r.theorems().get(0).attempts().stream().filter(a -> a.strategy().equals(WholeProofStrategy.NAME)).toList();
    assertThat(model).hasSize(4);
    assertThat(model).filteredOn(Attempt::cached).hasSize(3);
    // One Lean run for the portfolio, one for the four identical candidates.
    assertThat(f.lean.leanRuns()).isEqualTo(2);
  }

  @Test
  void prove_serverDown_reportsModelUnreachable() {
    EngineConfig down = EngineConfig.of(EngineType.OPENAI, java.net.URI.create("http://127.0.0.1:1"), StandInModelServer.SERVED_MODEL)
        .withRetry(ProverFixture.FAST_RETRY);

    ProveResult r = prove(f.prover(Optional.of(down), SearchSettings.DEFAULT), MiniF2F.problem("mathd_algebra_159"));

    TheoremResult t = r.theorems().get(0);
    assertThat(t.proved()).isFalse();
    assertThat(t.modelUnreachable()).isTrue();
    assertThat(t.detail()).contains("CONNECTION");
  }

  @Test
  void prove_rateLimitedThenAnswers_proves() {
    f.model.inject(Route.COMPLETIONS, Fault.rateLimited("0"), 2);

    assertProvedWithRealProof(prove(f.prover(Optional.of(f.openAi()), SearchSettings.DEFAULT),
        MiniF2F.problem("mathd_numbertheory_48")), "mathd_numbertheory_48");
    assertThat(f.model.requests(Route.COMPLETIONS)).hasSize(3);
  }

  @Test
  void prove_contextTooLong_stopsWithoutRetrying() {
    f.model.injectAlways(Route.COMPLETIONS, Fault.contextLength(32768, 40000, 16384));

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), WHOLE_ONLY), MiniF2F.problem("mathd_numbertheory_48"));

    assertThat(r.theorems().get(0).proved()).isFalse();
    assertThat(r.theorems().get(0).detail()).contains("CONTEXT_LENGTH");
    assertThat(f.model.requests(Route.COMPLETIONS)).hasSize(1);
  }

  @Test
  void prove_twoTheoremsInOneFile_provesBothAndChecksTheFinalFile() {
    f.lean.accept("two_plus_two_real", "norm_num <;> done");
    String code = MiniF2F.problem("mathd_numbertheory_48") + "\n\ntheorem two_plus_two_real : (2 : ℝ) + 2 = 4 := by\n  sorry\n";

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), SearchSettings.DEFAULT), code);

    assertThat(r.status()).isEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems()).extracting(TheoremResult::name).containsExactly("mathd_numbertheory_48", "two_plus_two_real");
    assertThat(r.code()).doesNotContain("sorry");
  }

  @Test
  void prove_namedTheorem_provesOnlyThatOne() {
    f.lean.accept("two_plus_two_real", "norm_num <;> done");
    String code = MiniF2F.problem("mathd_numbertheory_48") + "\n\ntheorem two_plus_two_real : (2 : ℝ) + 2 = 4 := by\n  sorry\n";

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), SearchSettings.DEFAULT), code, Optional.of("two_plus_two_real"),
        BUDGET, new ArrayList<>());

    assertThat(r.theorems()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("two_plus_two_real"));
    assertThat(r.code()).contains("b = 4 := by sorry");
  }

  @Test
  void prove_cancelledWhileTheModelThinks_endsAtOnceKeepingAttempts() {
    // The model would answer after an hour: only the cancellation can end the search before the guard's minute.
    f.model.responseDelay(Duration.ofHours(1));
    Cancellation cancellation = new Cancellation();
    List<SearchEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProveRequest request = new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.empty(), "", BUDGET);
    FileProver prover = f.prover(Optional.of(f.openAi()), SearchSettings.DEFAULT);

    io.vertx.core.Future<ProveResult> running = submitCancellable(prover, request, seen, cancellation);
    awaitEvent(seen, e -> e instanceof SearchEvent.AttemptStarted && ((SearchEvent.AttemptStarted) e).samples() > 0);
    cancellation.cancel();
    ProveResult r = running.timeout(60, java.util.concurrent.TimeUnit.SECONDS).await();

    TheoremResult t = r.theorems().get(0);
    assertThat(t.proved()).isFalse();
    assertThat(t.detail()).contains("cancelled");
    assertThat(t.attempts()).singleElement().satisfies(a -> assertThat(a.strategy()).isEqualTo("portfolio"));
  }

  @Test
  void prove_cancelledWhileLeanRuns_killsLean() {
    String hanging = MiniF2F.solutionFile("mathd_algebra_159").replace("  linarith", "  -- FAKE_LEAN: hang\n  linarith");
    f.model.script("mathd_algebra_159", MiniF2F.cotAnswer(hanging));
    Cancellation cancellation = new Cancellation();
    List<SearchEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProveRequest request = new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.empty(), "", BUDGET);

    io.vertx.core.Future<ProveResult> running =
        submitCancellable(f.prover(Optional.of(f.openAi()), SearchSettings.DEFAULT), request, seen, cancellation);
    awaitEvent(seen, e -> e instanceof SearchEvent.CandidateReady && ((SearchEvent.CandidateReady) e).strategy().equals("whole-proof"));
    awaitCondition(() -> f.lean.leanRuns() >= 2);
    cancellation.cancel();
    running.await();

    awaitCondition(() -> f.lean.startedPids().stream().noneMatch(dev.leanprove.leanbridge.standin.ProcessProbe::isRunning));
    assertThat(f.lean.startedPids()).allSatisfy(pid ->
        assertThat(dev.leanprove.leanbridge.standin.ProcessProbe.isRunning(pid)).isFalse());
  }

  @Test
  void prove_cancelledWhileTheModelHangs_abortsTheModelRequest() throws Exception {
    f.model.injectAlways(Route.COMPLETIONS, Fault.stall());
    Cancellation cancellation = new Cancellation();
    List<SearchEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProveRequest request = new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.empty(), "", BUDGET);

    io.vertx.core.Future<ProveResult> running =
        submitCancellable(f.prover(Optional.of(f.openAi()), WHOLE_ONLY), request, seen, cancellation);
    awaitCondition(() -> f.model.requests(Route.COMPLETIONS).size() == 1 && f.model.openConnections() == 1);
    cancellation.cancel();
    running.await(10, java.util.concurrent.TimeUnit.SECONDS);

    // The request is aborted, not just ignored: the server sees its connection close.
    awaitCondition(() -> f.model.openConnections() == 0);
    assertThat(cancellation.registered()).isZero();
  }

  @Test
  void prove_repairRequestHangs_endsWithinTheTimeBudgetAndAbortsIt() throws Exception {
    String wrong = "```lean4\ntheorem mathd_algebra_159 (b : ℝ) (f : ℝ → ℝ)\n"
        + "  (h₀ : ∀ x, f x = 3 * x ^ 4 - 7 * x ^ 3 + 2 * x ^ 2 - b * x + 1) (h₁ : f 1 = 1) : b = -2 := by\n  linarith\n```";
    f.model.script("mathd_algebra_159", wrong);
    List<SearchEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Time enough for the first round's Lean check on a loaded machine; the repair then hangs past it.
    ProveRequest request = new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.empty(), "",
        new Budget(8, 100_000, Duration.ofSeconds(8)));

    io.vertx.core.Future<ProveResult> running = submitCancellable(f.prover(Optional.of(f.openAi()),
        WHOLE_ONLY.withSamplesPerRound(1).withRepair(1, 1).withPortfolioFirst(false)), request, seen, new Cancellation());
    awaitCondition(() -> f.model.requests(Route.COMPLETIONS).size() == 1);
    // Every later request (the repair) hangs.
    f.model.injectAlways(Route.COMPLETIONS, Fault.stall());
    ProveResult r = running.await(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(f.model.requests(Route.COMPLETIONS)).as("the whole proof, then its repair").hasSize(2)
        .last().satisfies(repair -> assertThat(repair.json().getString("prompt")).contains("linarith"));
    assertThat(r.theorems().get(0).proved()).isFalse();
    assertThat(r.theorems().get(0).detail()).contains("time budget");
    awaitCondition(() -> f.model.openConnections() == 0);
  }

  @Test
  void prove_sketchRequestHangs_endsWithinTheTimeBudgetAndAbortsIt() throws Exception {
    StandInModelServer planner = StandInModelServer.start(f.vertx).await();
    planner.injectAlways(Route.COMPLETIONS, Fault.stall());
    f.model.script("mathd_algebra_159", "I could not find a proof.");
    EngineConfig plannerConfig = EngineConfig.of(EngineType.OPENAI, planner.endpoint(), StandInModelServer.SERVED_MODEL)
        .withRetry(ProverFixture.FAST_RETRY);
    ProveRequest request = new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.empty(), "",
        new Budget(8, 100_000, Duration.ofSeconds(4)));

    ProveResult r = submitCancellable(f.prover(Optional.of(f.openAi()), Optional.of(plannerConfig),
        SearchSettings.DEFAULT.withSamplesPerRound(1).withPortfolioFirst(false)), request, new ArrayList<>(), new Cancellation())
        .await(20, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(planner.requests(Route.COMPLETIONS)).isNotEmpty();
    assertThat(r.theorems().get(0).proved()).isFalse();
    awaitCondition(() -> planner.openConnections() == 0);
    planner.close().await();
  }

  @Test
  void prove_oneMalformedAnswer_searchGoesOnAndProves() {
    f.model.inject(Route.COMPLETIONS, Fault.malformedJson(), 1);

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), WHOLE_ONLY.withPortfolioFirst(false)),
        MiniF2F.problem("mathd_numbertheory_48"));

    assertProvedWithRealProof(r, "mathd_numbertheory_48");
    assertThat(f.model.requests(Route.COMPLETIONS)).hasSize(2);
  }

  @Test
  void prove_manyRounds_leavesNoCancelActionBehind() {
    f.model.script("mathd_algebra_159", "I could not find a proof.");
    Cancellation cancellation = new Cancellation();
    ProveRequest request = new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.empty(), "",
        new Budget(12, 1_000_000, Duration.ofMinutes(1)));

    ProveResult r = submitCancellable(f.prover(Optional.of(f.openAi()), WHOLE_ONLY.withSamplesPerRound(1)), request,
        new ArrayList<>(), cancellation).await();

    assertThat(r.theorems().get(0).attempts()).hasSizeGreaterThan(10);
    assertThat(cancellation.registered()).isZero();
  }

  private io.vertx.core.Future<ProveResult> submitCancellable(FileProver prover, ProveRequest request, List<SearchEvent> seen,
      Cancellation cancellation) {
    io.vertx.core.Context context = f.vertx.getOrCreateContext();
    io.vertx.core.Promise<ProveResult> result = io.vertx.core.Promise.promise();
    context.runOnContext(v -> prover.prove(request, context, seen::add, cancellation).onComplete(result));
    return result.future();
  }

  private static void awaitEvent(List<SearchEvent> seen, java.util.function.Predicate<SearchEvent> wanted) {
    awaitCondition(() -> seen.stream().anyMatch(wanted));
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition) {
    try {
      dev.leanprove.leanbridge.standin.ProcessProbe.awaitCondition(condition, Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
  }

  @Test
  void prove_failedCandidate_isFixedByARepairRoundThatShowsLeansError() {
    String wrong = "```lean4\ntheorem mathd_algebra_159 (b : ℝ) (f : ℝ → ℝ)\n"
        + "  (h₀ : ∀ x, f x = 3 * x ^ 4 - 7 * x ^ 3 + 2 * x ^ 2 - b * x + 1) (h₁ : f 1 = 1) : b = -2 := by\n  linarith\n```";
    f.model.script("mathd_algebra_159", wrong, MiniF2F.cotAnswerFor("mathd_algebra_159"));
    SearchSettings oneAtATime = WHOLE_ONLY.withSamplesPerRound(1).withRepair(1, 1);

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), oneAtATime), MiniF2F.problem("mathd_algebra_159"), Optional.empty(),
        new Budget(3, 100_000, Duration.ofMinutes(1)), new ArrayList<>());

    TheoremResult t = r.theorems().get(0);
    assertThat(t.status()).isEqualTo(ReasonCode.PROVED);
    Attempt failed = t.attempts().get(1);
    Attempt repaired = t.attempts().get(2);
    assertThat(failed.strategy()).isEqualTo(WholeProofStrategy.NAME);
    assertThat(failed.verdict()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(repaired.strategy()).isEqualTo(RepairStrategy.NAME);
    assertThat(repaired.parent()).isEqualTo(failed.id());
    assertThat(repaired.promptId()).isEqualTo("repair");
    assertThat(repaired.verdict()).isEqualTo(ReasonCode.PROVED);
    // The repair request is the chat history [prompt, previous output, feedback]; the feedback shows the
    // stand-in's unsolved-goals error around its span, in Goedel-Prover-V2's layout.
    io.vertx.core.json.JsonObject request = f.model.requests(Route.COMPLETIONS).get(1).json();
    String prompt = request.getString("prompt");
    assertThat(prompt).contains("linarith\n```<｜end▁of▁sentence｜><｜User｜>");
    assertThat(prompt).contains(REPAIR_FEEDBACK_159);
  }

  @Test
  void prove_rawCompletionStyle_repairsWithLeanCommentFeedback() {
    f.model.script("mathd_algebra_159", "  linarith\n```",
        "  simp_all only [rpow_two, mul_one, sub_eq_add_neg, add_assoc]\n  ring_nf\n  linarith\n```");
    SearchSettings raw = WHOLE_ONLY.withStyle(PromptStyle.RAW).withSamplesPerRound(1).withRepair(1, 1);

    ProveResult r = prove(f.prover(Optional.of(f.openAi()), raw), MiniF2F.problem("mathd_algebra_159"), Optional.empty(),
        new Budget(2, 100_000, Duration.ofMinutes(1)), new ArrayList<>());

    assertThat(r.status()).isEqualTo(ReasonCode.PROVED);
    List<StandInModelServer.RecordedRequest> requests = f.model.requests(Route.COMPLETIONS);
    String first = requests.get(0).json().getString("prompt");
    String second = requests.get(1).json().getString("prompt");
    // Raw prompts go out as they are: no chat template, the model continues the code block.
    assertThat(first).startsWith("Complete the following Lean 4 code with explanatory comments").doesNotContain("<｜User｜>")
        .endsWith("b = -2 := by\n");
    assertThat(second).startsWith(first).contains("  linarith\n\n-- The previous proof attempt resulted in compilation errors:")
        .contains("-- " + REPAIR_FEEDBACK_159.lines().findFirst().orElseThrow())
        .endsWith("b = -2 := by\n");
    assertThat(r.theorems().get(0).attempts().get(2).promptId()).isEqualTo("repair-raw");
  }

  /** Written out by hand from the stand-in's message (lines 9-11 of the checked file) and Goedel's layout. */
  static final String REPAIR_FEEDBACK_159 =
      "  (h₀ : ∀ x, f x = 3 * x ^ 4 - 7 * x ^ 3 + 2 * x ^ 2 - b * x + 1) (h₁ : f 1 = 1) : b = -2 := <error>by\n"
          + "  linarith</error>\n";

  @Test
  void prove_unknownTheorem_isRefused() {
    FileProver prover = f.prover(Optional.empty(), SearchSettings.DEFAULT);

    assertThatThrownBy(() -> prover.prove(new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.of("nope"), "", BUDGET),
        f.vertx.getOrCreateContext(), a -> {}))
        .isInstanceOf(NoTargetException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("mathd_algebra_159");
  }

  @Test
  void prove_fileWithoutSorry_isRefused() {
    FileProver prover = f.prover(Optional.empty(), SearchSettings.DEFAULT);

    assertThatThrownBy(() -> prover.prove(new ProveRequest(MiniF2F.solutionFile("mathd_algebra_159"), Optional.empty(), "", BUDGET),
        f.vertx.getOrCreateContext(), a -> {}))
        .isInstanceOf(NoTargetException.class)
        .hasMessageContaining("nothing to prove");
  }

  @Test
  void prove_unknownEngine_isRefused() {
    FileProver prover = f.prover(Optional.empty(), SearchSettings.DEFAULT);

    assertThatThrownBy(() -> prover.prove(new ProveRequest(MiniF2F.problem("mathd_algebra_159"), Optional.empty(), "gpt", BUDGET),
        f.vertx.getOrCreateContext(), a -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown engine \"gpt\"");
  }
}
