package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SketchTest {

  private static SketchStep only(Sketch sketch) {
    assertThat(sketch.steps()).hasSize(1);
    return sketch.steps().get(0);
  }

  @Test
  void parse_haveWithBySorryOnSameLine_isSorryHave() {
    String proof = "by\n  have h₁ : x + y = 10 := by sorry\n  linarith";
    Sketch sketch = Sketch.parse(proof);

    assertThat(sketch.tactic()).isTrue();
    assertThat(sketch.steps()).hasSize(2);
    SketchStep have = sketch.steps().get(0);
    assertThat(have.kind()).isEqualTo(StepKind.HAVE);
    assertThat(have.names()).containsExactly("h₁");
    assertThat(have.proposition()).isEqualTo("x + y = 10");
    assertThat(have.proof()).isEqualTo("by sorry");
    assertThat(have.sorry()).isTrue();
    assertThat(have.text()).isEqualTo("have h₁ : x + y = 10 := by sorry");
    assertThat(proof.substring(have.start(), have.end())).isEqualTo(have.text());
    assertThat(proof.substring(have.proofStart(), have.end())).isEqualTo("by sorry");
    SketchStep last = sketch.steps().get(1);
    assertThat(last.kind()).isEqualTo(StepKind.OTHER);
    assertThat(last.text()).isEqualTo("linarith");
    assertThat(last.sorry()).isFalse();
    assertThat(last.containsSorry()).isFalse();
    assertThat(last.proofStart()).isEqualTo(-1);
    assertThat(sketch.sorrySteps()).containsExactly(have);
  }

  @Test
  void parse_bySorryOnFollowingLines_isSorry() {
    Sketch sketch = Sketch.parse(
        "by\n  have h₁ : 0 < x := by\n    sorry\n  have h₂ : 0 < y :=\n    by sorry\n  have h₃ : 0 < z :=\n    by\n      sorry\n  positivity");

    assertThat(sketch.steps()).extracting(SketchStep::sorry).containsExactly(true, true, true, false);
    assertThat(sketch.steps()).extracting(SketchStep::proof)
        .containsExactly("by\n    sorry", "by sorry", "by\n      sorry", "");
    assertThat(sketch.steps()).extracting(SketchStep::proposition).containsExactly("0 < x", "0 < y", "0 < z", "");
  }

  @Test
  void parse_termSorry_isSorry() {
    SketchStep have = Sketch.parse("by\n  have h : a = b := sorry\n  exact h").steps().get(0);

    assertThat(have.sorry()).isTrue();
    assertThat(have.proof()).isEqualTo("sorry");
  }

  @Test
  void parse_admit_countsAsSorry() {
    SketchStep have = Sketch.parse("by\n  have h : a = b := by admit\n  exact h").steps().get(0);

    assertThat(have.sorry()).isTrue();
    assertThat(have.containsSorry()).isTrue();
  }

  @Test
  void parse_anonymousHave_isNamedThis() {
    SketchStep have = Sketch.parse("by\n  have : 0 ≤ a ^ 2 := by sorry\n  nlinarith [this]").steps().get(0);

    assertThat(have.kind()).isEqualTo(StepKind.HAVE);
    assertThat(have.names()).containsExactly("this");
    assertThat(have.proposition()).isEqualTo("0 ≤ a ^ 2");
  }

  @Test
  void parse_obtain_hasPatternNamesAndProposition() {
    SketchStep obtain = Sketch.parse("by\n  obtain ⟨k, hk, rfl⟩ : ∃ k : ℕ, k < n ∧ m = 2 * k := by sorry\n  omega")
        .steps().get(0);

    assertThat(obtain.kind()).isEqualTo(StepKind.OBTAIN);
    assertThat(obtain.pattern()).isEqualTo("⟨k, hk, rfl⟩");
    assertThat(obtain.names()).containsExactly("k", "hk");
    assertThat(obtain.proposition()).isEqualTo("∃ k : ℕ, k < n ∧ m = 2 * k");
    assertThat(obtain.sorry()).isTrue();
  }

  @Test
  void parse_untypedObtain_hasNoProposition() {
    SketchStep obtain = Sketch.parse("by\n  obtain ⟨m, rfl⟩ := h\n  simp").steps().get(0);

    assertThat(obtain.kind()).isEqualTo(StepKind.OBTAIN);
    assertThat(obtain.proposition()).isEmpty();
    assertThat(obtain.proof()).isEqualTo("h");
    assertThat(obtain.statesProposition()).isFalse();
  }

  @Test
  void parse_multiLinePropositionWithComment_isOneCleanLine() {
    Sketch sketch = Sketch.parse(
        "by\n  have h₂ :\n      x ^ 2 + y ^ 2 -- the squares\n        ≤ 17 /- bound -/ := by\n    sorry\n  linarith");

    assertThat(sketch.steps()).hasSize(2);
    assertThat(sketch.steps().get(0).proposition()).isEqualTo("x ^ 2 + y ^ 2 ≤ 17");
    assertThat(sketch.steps().get(0).sorry()).isTrue();
  }

  @Test
  void parse_propositionWithByBlock_keepsItsLines() {
    SketchStep have = Sketch.parse("by\n  have h : (by\n        exact 2\n      : ℕ) = 2 := sorry\n  simp").steps().get(0);

    assertThat(have.proposition()).isEqualTo("(by\n        exact 2\n      : ℕ) = 2");
  }

  @Test
  void parse_nestedByBlocksAndHaves_stayInsideTheirStep() {
    String proof = "by\n"
        + "  have h₁ : max (abs x) (abs y) ≥ 1 := by\n"
        + "    by_contra! h\n"
        + "    have h₁ : abs x < 1 := by simp_all [abs_lt]\n"
        + "    have h₂ : abs y < 1 := by\n"
        + "      simp_all [abs_lt]\n"
        + "    linarith\n"
        + "  nlinarith [sq_nonneg (x - 3),\n"
        + "  sq_nonneg y]";
    Sketch sketch = Sketch.parse(proof);

    assertThat(sketch.steps()).hasSize(2);
    assertThat(sketch.steps().get(0).proof()).startsWith("by\n    by_contra! h").endsWith("    linarith");
    assertThat(sketch.steps().get(0).sorry()).isFalse();
    assertThat(sketch.steps().get(1).text()).isEqualTo("nlinarith [sq_nonneg (x - 3),\n  sq_nonneg y]");
  }

  @Test
  void parse_chainAtBlockColumn_continuesTheStepBefore() {
    String proof = "by\n  have h : 0 < x := by\n    nlinarith\n  <;> linarith\n  simp\n  <;> norm_num\n  | inl h => simp";
    Sketch sketch = Sketch.parse(proof);

    assertThat(sketch.steps()).hasSize(2);
    assertThat(sketch.steps().get(0).proof()).isEqualTo("by\n    nlinarith\n  <;> linarith");
    assertThat(sketch.steps().get(1).text()).isEqualTo("simp\n  <;> norm_num\n  | inl h => simp");
  }

  @Test
  void parse_sorryInComment_isNoSorry() {
    Sketch sketch = Sketch.parse("by\n  -- sorry, this is hard\n  have h : a = b := by\n    simp -- not sorry\n  /- sorry -/\n  exact h");

    assertThat(sketch.steps()).hasSize(2);
    assertThat(sketch.steps()).noneMatch(SketchStep::containsSorry);
    assertThat(sketch.sorrySteps()).isEmpty();
    assertThat(sketch.steps().get(0).proof()).isEqualTo("by\n    simp");
  }

  @Test
  void parse_commentsBetweenSteps_belongToNoStep() {
    Sketch sketch = Sketch.parse("by\n  -- first\n  have h : a = b := by sorry -- trailing\n\n  -- last\n  exact h\n  -- done\n");

    assertThat(sketch.steps()).extracting(SketchStep::text).containsExactly("have h : a = b := by sorry", "exact h");
  }

  @Test
  void parse_sorryNestedInsideAProof_containsButIsNotSorry() {
    SketchStep have = Sketch.parse("by\n  have h : a ∧ b := by\n    constructor\n    · sorry\n    · simp\n  exact h.1")
        .steps().get(0);

    assertThat(have.containsSorry()).isTrue();
    assertThat(have.sorry()).isFalse();
  }

  @Test
  void parse_finalSorryStep_isSorryOther() {
    Sketch sketch = Sketch.parse("by\n  have h : a = b := by sorry\n  sorry");

    assertThat(sketch.sorrySteps()).extracting(SketchStep::kind).containsExactly(StepKind.HAVE, StepKind.OTHER);
  }

  @Test
  void parse_haveWithBinders_keepsThemApart() {
    SketchStep have = Sketch.parse("by\n  have key (n : ℕ) (hn : 0 < n) : f n > 0 := by sorry\n  simp").steps().get(0);

    assertThat(have.names()).containsExactly("key");
    assertThat(have.binders()).isEqualTo("(n : ℕ) (hn : 0 < n)");
    assertThat(have.proposition()).isEqualTo("f n > 0");
  }

  @Test
  void parse_untypedHave_hasNoProposition() {
    SketchStep have = Sketch.parse("by\n  have h₁ := h_bounds 0 0\n  simp").steps().get(0);

    assertThat(have.kind()).isEqualTo(StepKind.HAVE);
    assertThat(have.names()).containsExactly("h₁");
    assertThat(have.proposition()).isEmpty();
    assertThat(have.proof()).isEqualTo("h_bounds 0 0");
  }

  @Test
  void parse_haveWithoutAssign_isOther() {
    SketchStep step = Sketch.parse("by\n  have h : a = b\n  · simp\n  exact h").steps().get(0);

    assertThat(step.kind()).isEqualTo(StepKind.OTHER);
    assertThat(step.proposition()).isEmpty();
  }

  @Test
  void parse_propositionWithDefinitionsAndCons_findsTheRightColonAndAssign() {
    SketchStep have = Sketch.parse("by\n  have h : (fun (x : ℕ) => x :: [x]) 1 = [1, 1] := by sorry\n  simp").steps().get(0);

    assertThat(have.names()).containsExactly("h");
    assertThat(have.proposition()).isEqualTo("(fun (x : ℕ) => x :: [x]) 1 = [1, 1]");
  }

  @Test
  void parse_termProof_isOneOtherStep() {
    Sketch sketch = Sketch.parse("  mul_pos h₁\n    h₂ ");

    assertThat(sketch.tactic()).isFalse();
    SketchStep step = only(sketch);
    assertThat(step.kind()).isEqualTo(StepKind.OTHER);
    assertThat(step.text()).isEqualTo("mul_pos h₁\n    h₂");
    assertThat(Sketch.parse("sorry").sorrySteps()).hasSize(1);
  }

  @Test
  void parse_bySorryOnOneLine_isOneSorryStep() {
    SketchStep step = only(Sketch.parse("by sorry"));

    assertThat(step.sorry()).isTrue();
    assertThat(step.kind()).isEqualTo(StepKind.OTHER);
  }

  @Test
  void parse_emptyOrMalformed_neverThrows() {
    List<String> texts = List.of("", "   ", "by", "by\n", "by\n  have", "by\n  have :=", "by\n  have h : := sorry",
        "by\n  have h : (((( := sorry", "by\n  obtain ⟨x := sorry", "by\n  )))\n  sorry", "«", "by «\n  sorry",
        "by\n  have h : P := by\n", "by -- only a comment", "/- open comment", "by\n\tsorry\n\t  simp");
    for (String text : texts) {
      Sketch sketch = Sketch.parse(text);
      for (SketchStep s : sketch.steps()) {
        assertThat(s.end()).as(text).isLessThanOrEqualTo(text.length());
        assertThat(text.substring(s.start(), s.end())).as(text).isEqualTo(s.text());
      }
      assertThat(sketch.withHaveProofsSorried()).as(text).isNotNull();
    }
    assertThat(Sketch.parse("").steps()).isEmpty();
    assertThat(Sketch.parse("by").steps()).isEmpty();
    assertThat(Sketch.parse("by").tactic()).isTrue();
  }

  @Test
  void parse_null_throws() {
    assertThatThrownBy(() -> Sketch.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void withHaveProofsSorried_fullProof_sorriesEveryStatedHaveOnly() {
    String proof = "by\n"
        + "  have h₁ : x = 3 := by\n"
        + "    -- solve\n"
        + "    linarith\n"
        + "  have := h₀ 1\n"
        + "  obtain ⟨k, hk⟩ : ∃ k : ℕ, x = k := ⟨3, by simp [h₁]⟩\n"
        + "  have h₂ : y = 7 := mul_pos h₁\n"
        + "    h₀\n"
        + "  <;> simp\n"
        + "  -- finish\n"
        + "  nlinarith [h₁, h₂]";

    String sketch = Sketch.parse(proof).withHaveProofsSorried();

    assertThat(sketch).isEqualTo("by\n"
        + "  have h₁ : x = 3 := sorry\n"
        + "  have := h₀ 1\n"
        + "  obtain ⟨k, hk⟩ : ∃ k : ℕ, x = k := sorry\n"
        + "  have h₂ : y = 7 := sorry\n"
        + "  -- finish\n"
        + "  nlinarith [h₁, h₂]");
    assertThat(Sketch.parse(sketch).sorrySteps()).extracting(SketchStep::index).containsExactly(0, 2, 3);
    assertThat(Sketch.parse(sketch).withHaveProofsSorried()).isEqualTo(sketch);
  }
}
