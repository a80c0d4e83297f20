package dev.leanprove.orchestrator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineType;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decomposition end to end: sketches, subgoal lemmas searched on their own, composition, the attempt tree. */
final class DecompositionTest {

  static final String NT48 = "mathd_numbertheory_48";

  static final String NT48_STATEMENT =
      "theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by";

  static final SearchSettings ONE_SAMPLE_ROUNDS = SearchSettings.DEFAULT.withSamplesPerRound(1).withRepair(0, 1);

  @TempDir
  Path dir;

  ProverFixture f;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ProveResult prove(String code, SearchSettings settings, Budget budget) {
    ProveRequest request = new ProveRequest(code, Optional.empty(), "", budget);
    List<SearchEvent> events = new ArrayList<>();
    return f.prover(Optional.of(f.openAi()), settings).submit(request, f.vertx.getOrCreateContext(), events::add).await();
  }

  /** A CoT answer whose final proof is wrong but whose `have` sketch is right. */
  private static String answerWithGoodSketchBadProof(String statement, String sketchBody, String wrongBody) {
    return "### Detailed Proof and Analysis\n\nWe find b from the quadratic.\n\n"
        + "### Lean 4 Proof with `have` Statements\n\n```lean4\n" + statement + "\n" + sketchBody + "\n```\n\n"
        + "### Complete Lean 4 Proof\n\n```lean4\n" + statement + "\n" + wrongBody + "\n```";
  }

  private static String answer(String statement, String body) {
    return "```lean4\n" + statement + "\n" + body + "\n```";
  }

  @Test
  void prove_noSampleProvesItButTheSketchsSubgoalsAre_provedByComposition() {
    // Lean (the stand-in) accepts the final step after the have, and the have's proposition with this proof.
    f.lean.steps(NT48, "simp_all");
    f.lean.proposition("b = 4", "nlinarith [sq_nonneg (b : ℤ), h₀, h₁]");
    f.model.script(NT48 + "_h₂", answer("theorem mathd_numbertheory_48_h₂ (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by",
        "  nlinarith [sq_nonneg (b : ℤ), h₀, h₁]"));
    f.model.script(NT48, answerWithGoodSketchBadProof(NT48_STATEMENT, "  have h₂ : b = 4 := by sorry\n  simp_all", "  omega"));

    ProveResult r = prove(MiniF2F.problem(NT48), ONE_SAMPLE_ROUNDS, new Budget(6, 500_000, Duration.ofMinutes(1)));

    TheoremResult t = r.theorems().get(0);
    assertThat(t.status()).as(t.detail()).isEqualTo(ReasonCode.PROVED);
    assertThat(t.attempts()).filteredOn(a -> a.strategy().equals(WholeProofStrategy.NAME)).isNotEmpty()
        .allSatisfy(a -> assertThat(a.proved()).isFalse());
    Attempt sketch = t.attempts().stream().filter(a -> a.strategy().equals(DecomposeStrategy.NAME)).findFirst().orElseThrow();
    assertThat(sketch.verdict()).isEqualTo(ReasonCode.SORRY);
    assertThat(t.attempts()).anySatisfy(a -> {
      assertThat(a.strategy()).isEqualTo("compose");
      assertThat(a.parent()).isEqualTo(sketch.id());
      assertThat(a.proved()).isTrue();
    });
    assertThat(t.decompositions()).singleElement().satisfies(d -> {
      assertThat(d.sketchVerdict()).isEqualTo(ReasonCode.SORRY);
      assertThat(d.subgoals()).singleElement().satisfies(s -> {
        assertThat(s.lemmaName()).isEqualTo("mathd_numbertheory_48_h₂");
        assertThat(s.statement()).isEqualTo("theorem mathd_numbertheory_48_h₂ (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4");
        assertThat(s.depth()).isEqualTo(1);
        assertThat(s.result().proved()).isTrue();
      });
    });
    assertThat(r.code()).contains("have h₂ : b = 4 := by").contains("nlinarith [sq_nonneg (b : ℤ), h₀, h₁]").doesNotContain("sorry");
  }

  @Test
  void prove_separatePlanner_writesTheSketchWhileTheProverProvesTheSubgoals() {
    StandInModelServer planner = StandInModelServer.start(f.vertx).await();
    f.lean.steps(NT48, "simp_all");
    f.lean.proposition("b = 4", "nlinarith [sq_nonneg (b : ℤ), h₀, h₁]");
    // The prover never gets the whole theorem right, but proves the lemma; the planner only sketches.
    f.model.script(NT48 + "_h₂", answer("theorem mathd_numbertheory_48_h₂ (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by",
        "  nlinarith [sq_nonneg (b : ℤ), h₀, h₁]"));
    f.model.script(NT48, answer(NT48_STATEMENT, "  omega"));
    planner.script(NT48, answer(NT48_STATEMENT, "  have h₂ : b = 4 := by sorry\n  simp_all"));
    EngineConfig plannerConfig = EngineConfig.of(EngineType.OPENAI, planner.endpoint(), StandInModelServer.SERVED_MODEL)
        .withRetry(ProverFixture.FAST_RETRY);

    ProveResult r = f.prover(Optional.of(f.openAi()), Optional.of(plannerConfig), ONE_SAMPLE_ROUNDS)
        .submit(new ProveRequest(MiniF2F.problem(NT48), Optional.empty(), "", new Budget(6, 500_000, Duration.ofMinutes(1))),
            f.vertx.getOrCreateContext(), e -> {}).await();

    assertThat(r.status()).isEqualTo(ReasonCode.PROVED);
    assertThat(planner.requests()).isNotEmpty().allSatisfy(q -> assertThat(q.body()).contains("have name : proposition := by sorry"));
    assertThat(f.model.requests()).noneSatisfy(q -> assertThat(q.body()).contains("have name : proposition := by sorry"));
    planner.close().await();
  }

  @Test
  void prove_subgoalNeedsASecondLevelOfDecomposition_isProved() {
    String statement = "theorem two_level (x : ℝ) (h₀ : x = 2) : x ^ 2 = 4 := by";
    String lemma1 = "theorem two_level_h1 (x : ℝ) (h₀ : x = 2) : x ^ 2 = 2 ^ 2 := by";
    String lemma2 = "theorem two_level_h1_h2 (x : ℝ) (h₀ : x = 2) : x = 2 := by";
    f.lean.steps("two_level", "norm_num [h1]");
    f.lean.steps("two_level_h1", "rw [h2]");
    f.lean.proposition("x = 2", "exact h₀");
    f.lean.proposition("x ^ 2 = 2 ^ 2", "have h2 : x = 2 := by\n    exact h₀\n  rw [h2]");
    // Most specific keys first: a prompt about two_level_h1_h2 also contains "two_level".
    f.model.script("two_level_h1_h2", answer(lemma2, "  exact h₀"));
    f.model.script("two_level_h1", answerWithGoodSketchBadProof(lemma1, "  have h2 : x = 2 := by sorry\n  rw [h2]", "  ring"));
    f.model.script("two_level", answerWithGoodSketchBadProof(statement, "  have h1 : x ^ 2 = 2 ^ 2 := by sorry\n  norm_num [h1]", "  ring"));

    ProveResult r = prove("import Mathlib\n\n" + statement + "\n  sorry\n", ONE_SAMPLE_ROUNDS, new Budget(16, 500_000, Duration.ofMinutes(1)));

    TheoremResult t = r.theorems().get(0);
    assertThat(t.status()).as(t.detail()).isEqualTo(ReasonCode.PROVED);
    SubgoalResult level1 = t.decompositions().get(0).subgoals().get(0);
    assertThat(level1.lemmaName()).isEqualTo("two_level_h1");
    assertThat(level1.result().proved()).isTrue();
    assertThat(level1.result().decompositions()).isNotEmpty();
    SubgoalResult level2 = level1.result().decompositions().get(0).subgoals().get(0);
    assertThat(level2.lemmaName()).isEqualTo("two_level_h1_h2");
    assertThat(level2.depth()).isEqualTo(2);
    assertThat(level2.result().proved()).isTrue();
    assertThat(r.code()).contains("rw [h2]").contains("exact h₀").contains("norm_num [h1]").doesNotContain("sorry");
  }

  @Test
  void prove_sketchThatChangesTheStatement_isRejected() {
    f.lean.steps(NT48, "simp_all");
    f.lean.proposition("b = 4", "nlinarith [sq_nonneg (b : ℤ), h₀, h₁]");
    String weaker = "theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) (h₃ : b = 4) : b = 4 := by";
    f.model.script(NT48, answerWithGoodSketchBadProof(weaker, "  have h₂ : b = 4 := by sorry\n  simp_all", "  omega"));

    ProveResult r = prove(MiniF2F.problem(NT48), ONE_SAMPLE_ROUNDS, new Budget(4, 500_000, Duration.ofMinutes(1)));

    TheoremResult t = r.theorems().get(0);
    assertThat(t.proved()).isFalse();
    assertThat(t.decompositions()).isNotEmpty();
    assertThat(t.decompositions().get(0).sketchVerdict()).isEqualTo(ReasonCode.STATEMENT_CHANGED);
    assertThat(t.decompositions().get(0).subgoals()).isEmpty();
  }

  @Test
  void prove_budgetRunsOutAtDepth_endsNotProvedWithThePartialTree() {
    f.lean.steps(NT48, "simp_all");
    // Nobody proves b = 4: the subgoal's search spends what is left and stops.
    f.model.script(NT48 + "_h₂", "I cannot prove this.");
    f.model.script(NT48, answerWithGoodSketchBadProof(NT48_STATEMENT, "  have h₂ : b = 4 := by sorry\n  simp_all", "  omega"));

    ProveResult r = prove(MiniF2F.problem(NT48), ONE_SAMPLE_ROUNDS.withMaxDepth(1), new Budget(4, 500_000, Duration.ofMinutes(1)));

    TheoremResult t = r.theorems().get(0);
    assertThat(t.proved()).isFalse();
    assertThat(t.samples()).isLessThanOrEqualTo(4);
    assertThat(t.decompositions()).isNotEmpty().allSatisfy(d -> assertThat(d.outcome()).contains("not proved"));
    SubgoalResult subgoal = t.decompositions().get(0).subgoals().get(0);
    assertThat(subgoal.result().proved()).isFalse();
    assertThat(subgoal.result().attempts()).isNotEmpty();
    assertThat(r.code()).contains("sorry");
  }
}
