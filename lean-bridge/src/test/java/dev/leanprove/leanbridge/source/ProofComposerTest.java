package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProofComposerTest {

  private static final String HEADER = "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\n"
      + "open BigOperators Real Nat Topology Rat\n\n";

  @TempDir
  Path dir;

  private static String inline(String sketch, Map<Integer, String> proofs) {
    return ProofComposer.inline(Sketch.parse(sketch), proofs);
  }

  @Test
  void inline_blockBodyInAnyIndentation_goesOneLevelUnderTheHave() {
    String composed = inline("by\n  have h₁ : 0 < x := by sorry\n  linarith",
        Map.of(0, "by\n        nlinarith [sq_nonneg x,\n          sq_nonneg y]\n        <;> simp"));

    assertThat(composed).isEqualTo("by\n  have h₁ : 0 < x := by\n    nlinarith [sq_nonneg x,\n      sq_nonneg y]\n    <;> simp\n  linarith");
  }

  @Test
  void inline_bareTacticScript_isReadAsTactics() {
    String composed = inline("by\n  have h : 0 ≤ (a - b) ^ 2 := by\n    sorry\n  nlinarith [h]",
        Map.of(0, "nlinarith [sq_nonneg (a - b)]\n<;> linarith"));

    assertThat(composed).isEqualTo("by\n  have h : 0 ≤ (a - b) ^ 2 := by\n    nlinarith [sq_nonneg (a - b)]\n    <;> linarith\n  nlinarith [h]");
  }

  @Test
  void inline_termBody_staysATermWithDeeperContinuation() {
    String composed = inline("by\n  have h : 0 < a * b := sorry\n  have h' : 0 < 1 ∧ 0 < 2 := by sorry\n  positivity",
        Map.of(0, "mul_pos h₀ h₁", 1, "⟨by norm_num,\n   by norm_num⟩"));

    assertThat(composed).isEqualTo(
        "by\n  have h : 0 < a * b := mul_pos h₀ h₁\n  have h' : 0 < 1 ∧ 0 < 2 := ⟨by norm_num,\n      by norm_num⟩\n  positivity");
  }

  @Test
  void inline_inlineByBodyWithContinuation_keepsItOnTheHaveLine() {
    String composed = inline("by\n  have h : 0 < x := by sorry\n  linarith", Map.of(0, "by nlinarith [a,\n  b]"));

    assertThat(composed).isEqualTo("by\n  have h : 0 < x := by nlinarith [a,\n      b]\n  linarith");
  }

  @Test
  void inline_byOnTheLineAfterAssign_indentsFromThatLine() {
    String composed = inline("by\n  have h : 0 < x :=\n    by sorry\n  linarith", Map.of(0, "by\n  simp\n  linarith"));

    assertThat(composed).isEqualTo("by\n  have h : 0 < x :=\n    by\n      simp\n      linarith\n  linarith");
  }

  @Test
  void inline_finalSorry_becomesTheProofsStepsAtItsColumn() {
    String sketch = "by\n  have h : a = b := by sorry\n  sorry";

    assertThat(inline(sketch, Map.of(0, "by simp", 1, "by\n      constructor\n      · simp\n      · exact h")))
        .isEqualTo("by\n  have h : a = b := by simp\n  constructor\n  · simp\n  · exact h");
    assertThat(inline(sketch, Map.of(0, "by simp", 1, "h.symm.symm"))).isEqualTo("by\n  have h : a = b := by simp\n  exact h.symm.symm");
    assertThat(inline(sketch, Map.of(0, "by simp", 1, "by nlinarith [h,\n  h]")))
        .isEqualTo("by\n  have h : a = b := by simp\n  nlinarith [h,\n      h]");
  }

  @Test
  void inline_wholeProofSorry_replacesItAll() {
    assertThat(inline("by sorry", Map.of(0, "by\n    simp\n    ring"))).isEqualTo("by\n  simp\n  ring");
    assertThat(inline("sorry", Map.of(0, "by simp"))).isEqualTo("by simp");
    assertThat(inline("  sorry  ", Map.of(0, "foo.trans\n  bar"))).isEqualTo("  foo.trans\n    bar  ");
  }

  @Test
  void inline_sorryAfterAStepOnTheByLine_replacesOnlyThatStep() {
    assertThat(inline("by simp at h\n   sorry", Map.of(1, "by exact h"))).isEqualTo("by simp at h\n   exact h");
  }

  @Test
  void inline_commentsAroundSteps_stay() {
    String composed = inline("by\n  -- the key step\n  have h : a = b := by sorry -- proved below\n  exact h",
        Map.of(0, "-- by simp, says the model\nby\n  simp -- done"));

    // The body's own leading and trailing comments go; the sketch's stay.
    assertThat(composed).isEqualTo("by\n  -- the key step\n  have h : a = b := by\n    simp -- proved below\n  exact h");
  }

  @Test
  void inline_noSorry_returnsTheProof() {
    String proof = "by\n  have h : a = b := by simp\n  exact h";

    assertThat(inline(proof, Map.of())).isEqualTo(proof);
  }

  @Test
  void inline_sorryWithoutProof_throws() {
    assertThatThrownBy(() -> inline("by\n  have h : a = b := by sorry\n  sorry", Map.of(0, "by simp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no proof for step 2");
  }

  @Test
  void inline_sorryNestedInAStep_throws() {
    assertThatThrownBy(() -> inline("by\n  constructor <;> sorry", Map.of(0, "by simp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorry inside it");
  }

  @Test
  void inline_blankOrEmptyBody_throws() {
    for (String body : new String[] {"", "  \n ", "-- nothing", "by", "by -- nothing\n  "}) {
      assertThatThrownBy(() -> inline("by\n  sorry", Map.of(0, body))).as(body).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void withAuxiliaryLemmas_everySorryForm_callsItsLemma() {
    String statement = "theorem t (x : ℝ) (h₀ : 0 < x)";
    Declaration d = LeanSource.parse(statement + " : 0 < x ^ 3 := by sorry").theorems().get(0);
    Sketch sketch = Sketch.parse("by\n  have h₁ : 0 < x ^ 2 := by sorry\n  have h₂ : 0 < x * x ^ 2 :=\n    sorry\n  sorry");
    SubgoalExtraction extraction = SubgoalExtractor.extract(d, sketch);

    Composition c = ProofComposer.withAuxiliaryLemmas(sketch, extraction,
        Map.of(0, "by positivity", 1, "mul_pos h₀ h₁", 2, "by\n    nlinarith [h₂]"));

    assertThat(c.proof()).isEqualTo("by\n  have h₁ : 0 < x ^ 2 := by exact t_h₁ x h₀\n"
        + "  have h₂ : 0 < x * x ^ 2 :=\n    t_h₂ x h₀ h₁\n  exact t_step3 x h₀ h₁ h₂");
    assertThat(c.auxiliary()).isEqualTo("theorem t_h₁ (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2 := by positivity\n\n"
        + "theorem t_h₂ (x : ℝ) (h₀ : 0 < x) (h₁ : 0 < x ^ 2) : 0 < x * x ^ 2 := mul_pos h₀ h₁\n\n"
        + "theorem t_step3 (x : ℝ) (h₀ : 0 < x) (h₁ : 0 < x ^ 2) (h₂ : 0 < x * x ^ 2) : 0 < x ^ 3 := by\n  nlinarith [h₂]");
    assertThat(LeanSource.parse(c.auxiliary()).theorems()).extracting(Declaration::name).containsExactly("t_h₁", "t_h₂", "t_step3");
  }

  @Test
  void withAuxiliaryLemmas_termModeSorry_isTheCall() {
    Declaration d = LeanSource.parse("theorem t (a : ℕ) : a = a := sorry").theorems().get(0);
    Sketch sketch = Sketch.parse(d.proof());

    Composition c = ProofComposer.withAuxiliaryLemmas(sketch, SubgoalExtractor.extract(d, sketch), Map.of(0, "Eq.refl a"));

    assertThat(c.proof()).isEqualTo("t_step1 a");
    assertThat(c.auxiliary()).isEqualTo("theorem t_step1 (a : ℕ) : a = a := Eq.refl a");
  }

  @Test
  void withAuxiliaryLemmas_unsupportedSorryOrMissingProof_throws() {
    Declaration d = LeanSource.parse("theorem t (x : ℝ) (h₀ : 2 * x = 4) : x = 2 := by sorry").theorems().get(0);
    Sketch afterTactic = Sketch.parse("by\n  norm_num at h₀\n  have h : x = 2 := by sorry\n  exact h");
    Sketch plain = Sketch.parse("by\n  have h : x = 2 := by sorry\n  exact h");

    assertThatThrownBy(() -> ProofComposer.withAuxiliaryLemmas(afterTactic, SubgoalExtractor.extract(d, afterTactic),
        Map.of(1, "by linarith")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step 2 has no lemma: the earlier step 1 (`norm_num at h₀`) is not a have or obtain");
    assertThatThrownBy(() -> ProofComposer.withAuxiliaryLemmas(plain, SubgoalExtractor.extract(d, plain), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no proof for step 1");
  }

  @Test
  void inline_reindentedBodies_standInSeesTheHavesItKnows() throws Exception {
    String statement = "theorem t (a b : ℝ) (h₀ : 0 < a)";
    LeanSource source = LeanSource.parse(HEADER + statement + " : a * b ≤ (a ^ 2 + b ^ 2) / 2 := by\n  sorry\n");
    Sketch sketch = Sketch.parse("by\n  have h₁ : 0 ≤ (a - b) ^ 2 := by\n    sorry\n  have : 0 ≤ a := sorry\n  sorry");
    try (StandInLean lean = StandInLean.create(dir, 2)) {
      lean.proposition("0 ≤ (a - b) ^ 2", "by\n  nlinarith [sq_nonneg (a - b)]\n  <;> linarith");
      lean.proposition("0 ≤ a", "h₀.le");
      lean.steps("t", "nlinarith [h₁, this]");

      String composed = ProofComposer.inline(sketch, Map.of(
          0, "nlinarith [sq_nonneg (a - b)]\n      <;> linarith", 1, "h₀.le", 2, "by\n        nlinarith [h₁, this]"));
      Verdict proved = lean.verifier(VerifierConfig.DEFAULT).verify(ProofCandidate.of(source, "t", composed)).get(30, TimeUnit.SECONDS);
      String wrong = ProofComposer.inline(sketch, Map.of(0, "by\n  nlinarith [sq_nonneg (a + b)]", 1, "h₀.le", 2, "by nlinarith [h₁, this]"));
      Verdict rejected = lean.verifier(VerifierConfig.DEFAULT).verify(ProofCandidate.of(source, "t", wrong)).get(30, TimeUnit.SECONDS);

      assertThat(proved.code()).as(composed).isEqualTo(ReasonCode.PROVED);
      assertThat(rejected.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    }
  }

  @Test
  void withAuxiliaryLemmas_implicitBindersAndAnonymousHaves_standInAcceptsTheCalls() throws Exception {
    String statement = "theorem t {n : ℕ} (h₀ : 0 < n) (_ : n < 10)";
    LeanSource source = LeanSource.parse(HEADER + statement + " : n ^ 2 < 100 := by\n  sorry\n");
    Declaration d = source.theorem("t").orElseThrow();
    Sketch sketch = Sketch.parse("by\n  have : n ≤ 9 := by sorry\n  have : n * n ≤ 81 := by sorry\n  sorry");
    SubgoalExtraction extraction = SubgoalExtractor.extract(d, sketch);
    Composition c = ProofComposer.withAuxiliaryLemmas(sketch, extraction,
        Map.of(0, "by omega", 1, "by nlinarith", 2, "by nlinarith [this]"));

    assertThat(c.proof()).isEqualTo("by\n  have : n ≤ 9 := by exact @t_step1 n h₀ (by assumption)\n"
        + "  have : n * n ≤ 81 := by exact @t_step2 n h₀ (by assumption) this\n"
        + "  exact @t_step3 n h₀ (by assumption) (by assumption) this");
    assertThat(c.auxiliary()).contains(
        "theorem t_step3 {n : ℕ} (h₀ : 0 < n) (_ : n < 10) (_ : n ≤ 9) (this : n * n ≤ 81) : n ^ 2 < 100 := by nlinarith [this]");
    try (StandInLean lean = StandInLean.create(dir, 2)) {
      lean.proposition("n ≤ 9", "by omega", "exact @t_step1 n h₀ (by assumption)");
      lean.proposition("n * n ≤ 81", "by nlinarith", "exact @t_step2 n h₀ (by assumption) this");
      lean.proposition("n ^ 2 < 100", "by nlinarith [this]");
      lean.steps("t", "exact @t_step3 n h₀ (by assumption) (by assumption) this");

      Verdict v = lean.verifier(VerifierConfig.DEFAULT)
          .verify(new ProofCandidate(source, "t", c.proof(), c.auxiliary(), Optional.empty())).get(30, TimeUnit.SECONDS);

      assertThat(v.code()).as(v.detail()).isEqualTo(ReasonCode.PROVED);
    }
  }

  @Test
  void inline_null_throws() {
    assertThatThrownBy(() -> ProofComposer.inline(null, Map.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ProofComposer.inline(Sketch.parse("sorry"), null)).isInstanceOf(NullPointerException.class);
  }
}
