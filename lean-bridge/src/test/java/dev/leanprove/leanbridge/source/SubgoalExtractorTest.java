package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SubgoalExtractorTest {

  private static Declaration theorem(String statement, String proof) {
    LeanSource source = LeanSource.parse(statement + " := " + proof);
    assertThat(source.theorems()).hasSize(1);
    return source.theorems().get(0);
  }

  private static SubgoalExtraction extract(String statement, String proof) {
    Declaration d = theorem(statement, proof);
    return SubgoalExtractor.extract(d, Sketch.parse(d.proof()));
  }

  private static List<String> statements(SubgoalExtraction e) {
    return e.subgoals().stream().map(Subgoal::statement).toList();
  }

  @Test
  void extract_twoHavesAndFinalSorry_eachLemmaTakesTheEarlierHaves() {
    SubgoalExtraction e = extract(
        "theorem amgm (a b : ℝ) (h₀ : 0 < a) : a * b ≤ (a ^ 2 + b ^ 2) / 2",
        "by\n  have h₁ : 0 ≤ (a - b) ^ 2 := by sorry\n  have h₂ : (a - b) ^ 2 = a ^ 2 - 2 * a * b + b ^ 2 := sorry\n  sorry");

    assertThat(e.complete()).isTrue();
    assertThat(statements(e)).containsExactly(
        "theorem amgm_h₁ (a b : ℝ) (h₀ : 0 < a) : 0 ≤ (a - b) ^ 2",
        "theorem amgm_h₂ (a b : ℝ) (h₀ : 0 < a) (h₁ : 0 ≤ (a - b) ^ 2) : (a - b) ^ 2 = a ^ 2 - 2 * a * b + b ^ 2",
        "theorem amgm_step3 (a b : ℝ) (h₀ : 0 < a) (h₁ : 0 ≤ (a - b) ^ 2) "
            + "(h₂ : (a - b) ^ 2 = a ^ 2 - 2 * a * b + b ^ 2) : a * b ≤ (a ^ 2 + b ^ 2) / 2");
    assertThat(e.subgoals()).extracting(Subgoal::stepIndex).containsExactly(0, 1, 2);
    assertThat(e.subgoals()).extracting(Subgoal::proposition)
        .containsExactly("0 ≤ (a - b) ^ 2", "(a - b) ^ 2 = a ^ 2 - 2 * a * b + b ^ 2", "a * b ≤ (a ^ 2 + b ^ 2) / 2");
    Subgoal last = e.subgoals().get(2);
    assertThat(last.arguments()).containsExactly("a", "b", "h₀", "h₁", "h₂");
    assertThat(last.call()).isEqualTo("amgm_step3 a b h₀ h₁ h₂");
  }

  @Test
  void extract_anonymousHaves_onlyTheLatestIsThis() {
    SubgoalExtraction e = extract(
        "theorem t (a : ℝ) (h₀ : 1 / 5 * abs (9 + 2 * a) < 1) : -7 < a ∧ a < -2",
        "by\n  have : abs (9 + 2 * a) < 5 := by sorry\n  have : -5 < 9 + 2 * a ∧ 9 + 2 * a < 5 := by sorry\n"
            + "  have : -7 < a ∧ a < -2 := by sorry\n  exact this");

    assertThat(statements(e)).containsExactly(
        "theorem t_step1 (a : ℝ) (h₀ : 1 / 5 * abs (9 + 2 * a) < 1) : abs (9 + 2 * a) < 5",
        "theorem t_step2 (a : ℝ) (h₀ : 1 / 5 * abs (9 + 2 * a) < 1) (this : abs (9 + 2 * a) < 5) : "
            + "-5 < 9 + 2 * a ∧ 9 + 2 * a < 5",
        "theorem t_step3 (a : ℝ) (h₀ : 1 / 5 * abs (9 + 2 * a) < 1) (_ : abs (9 + 2 * a) < 5) "
            + "(this : -5 < 9 + 2 * a ∧ 9 + 2 * a < 5) : -7 < a ∧ a < -2");
    assertThat(e.subgoals().get(2).call()).isEqualTo("t_step3 a h₀ (by assumption) this");
  }

  @Test
  void extract_shadowedHaveReferredToBeforeTheShadow_keepsItsName() {
    SubgoalExtraction e = extract(
        "theorem t (n : ℕ) : n = n",
        "by\n  have : 0 ≤ n := by sorry\n  have h : Nat.le.dest this = Nat.le.dest this := by sorry\n"
            + "  have : n ≤ n := by sorry\n  sorry");

    assertThat(e.subgoals().get(3).statement()).isEqualTo(
        "theorem t_step4 (n : ℕ) (this : 0 ≤ n) (h : Nat.le.dest this = Nat.le.dest this) (this : n ≤ n) : n = n");
    assertThat(e.subgoals().get(3).arguments()).containsExactly("n", "_", "h", "this");
  }

  @Test
  void extract_haveShadowingABinder_passesTheShadowedOneByAssumption() {
    SubgoalExtraction e = extract(
        "theorem t (x : ℝ) (h₀ : 0 < x) : 0 < x ^ 2",
        "by\n  have h₀ : 0 < x * x := by sorry\n  sorry");

    Subgoal last = e.subgoals().get(1);
    assertThat(last.statement()).isEqualTo("theorem t_step2 (x : ℝ) (h₀ : 0 < x) (h₀ : 0 < x * x) : 0 < x ^ 2");
    assertThat(last.call()).isEqualTo("t_step2 x (by assumption) h₀");
  }

  @Test
  void extract_implicitStrictAndInstanceBinders_callsWithAt() {
    SubgoalExtraction e = extract(
        "theorem t {α : Type} [Fintype α] [inst : DecidableEq α] ⦃s : Finset α⦄ {{k}} (h : s.card = k) : k ≤ Fintype.card α",
        "by\n  have h₁ : s.card ≤ Fintype.card α := by sorry\n  sorry");

    Subgoal first = e.subgoals().get(0);
    assertThat(first.statement()).isEqualTo(
        "theorem t_h₁ {α : Type} [Fintype α] [inst : DecidableEq α] ⦃s : Finset α⦄ {{k}} (h : s.card = k) : "
            + "s.card ≤ Fintype.card α");
    assertThat(first.arguments()).containsExactly("α", "_", "inst", "s", "k", "h");
    assertThat(first.call()).isEqualTo("@t_h₁ α _ inst s k h");
  }

  @Test
  void extract_anonymousAndShadowedBinders_areHolesOrAssumptions() {
    // miniF2F's mathd_algebra_247 as DeepSeek-Prover-V1.5's JSONL gives it: a second, untyped `n`.
    SubgoalExtraction e = extract(
        "theorem mathd_algebra_247 (t s : ℝ) (n : ℤ) (h₀ : t = 2 * s - s ^ 2) (h₁ : s = n ^ 2 - 2 ^ n + 1)\n  (n) (_ : n = 3) : t = 0",
        "by\n  have h : s = 0 := by sorry\n  sorry");

    assertThat(e.subgoals().get(0).statement()).isEqualTo(
        "theorem mathd_algebra_247_h (t s : ℝ) (n : ℤ) (h₀ : t = 2 * s - s ^ 2) (h₁ : s = n ^ 2 - 2 ^ n + 1)\n"
            + "  (n) (_ : n = 3) : s = 0");
    assertThat(e.subgoals().get(0).arguments()).containsExactly("t", "s", "_", "h₀", "h₁", "n", "(by assumption)");
    assertThat(e.subgoals().get(1).call()).isEqualTo("mathd_algebra_247_step2 t s _ h₀ h₁ n (by assumption) h");
  }

  @Test
  void extract_noBindersAndForallConclusion_lemmaHasOnlyHaves() {
    SubgoalExtraction e = extract(
        "theorem t :\n  ∀ x > 0, 2 - Real.sqrt 2 ≥ 2 - x - 1 / (2 * x)",
        "by\n  have key : ∀ x > 0, x + 1 / (2 * x) ≥ Real.sqrt 2 := by sorry\n  sorry");

    assertThat(statements(e)).containsExactly(
        "theorem t_key : ∀ x > 0, x + 1 / (2 * x) ≥ Real.sqrt 2",
        "theorem t_step2 (key : ∀ x > 0, x + 1 / (2 * x) ≥ Real.sqrt 2) : ∀ x > 0, 2 - Real.sqrt 2 ≥ 2 - x - 1 / (2 * x)");
    assertThat(e.subgoals().get(0).call()).isEqualTo("t_key");
  }

  @Test
  void extract_bindersOverLinesWithComments_keptAsWritten() {
    String binders = "(S : Finset ℕ) -- note: truncated subtraction\n  (h₀ : ∀ n : ℕ, n ∈ S ↔ 0 < n ∧ Nat.Prime (n ^ 2 + 2 - 3 * n))";
    SubgoalExtraction e = extract("theorem t " + binders + " :\n  S.card = 1", "by\n  have h : 2 ∈ S := by sorry\n  sorry");

    assertThat(statements(e)).containsExactly(
        "theorem t_h " + binders + " : 2 ∈ S",
        "theorem t_step2 " + binders + " (h : 2 ∈ S) : S.card = 1");
    assertThat(LeanSource.parse(e.subgoals().get(1).statement() + " := by simp").theorems()).hasSize(1);
  }

  @Test
  void extract_haveWithBinders_statesAForall() {
    SubgoalExtraction e = extract(
        "theorem t (f : ℕ → ℕ) (h₀ : ∀ n, f n = n + 1) : f 2 = 3",
        "by\n  have key (n : ℕ) (hn : 0 < n) : f n > 0 := by sorry\n  sorry");

    assertThat(statements(e)).containsExactly(
        "theorem t_key (f : ℕ → ℕ) (h₀ : ∀ n, f n = n + 1) : ∀ (n : ℕ) (hn : 0 < n), f n > 0",
        "theorem t_step2 (f : ℕ → ℕ) (h₀ : ∀ n, f n = n + 1) (key : ∀ (n : ℕ) (hn : 0 < n), f n > 0) : f 2 = 3");
  }

  @Test
  void extract_typedObtain_laterLemmasGetWitnessAndProof() {
    SubgoalExtraction e = extract(
        "theorem t (n : ℕ) (h₀ : Even n) : 2 ∣ n",
        "by\n  obtain ⟨k, hk⟩ : ∃ k : ℕ, n = 2 * k := by sorry\n  have h : n = k + k := by sorry\n  sorry");

    assertThat(statements(e)).containsExactly(
        "theorem t_step1 (n : ℕ) (h₀ : Even n) : ∃ k : ℕ, n = 2 * k",
        "theorem t_h (n : ℕ) (h₀ : Even n) (k : ℕ) (hk : n = 2 * k) : n = k + k",
        "theorem t_step3 (n : ℕ) (h₀ : Even n) (k : ℕ) (hk : n = 2 * k) (h : n = k + k) : 2 ∣ n");
    assertThat(e.subgoals().get(2).call()).isEqualTo("t_step3 n h₀ k hk h");
  }

  @Test
  void extract_obtainWithOtherNamesAndConjunctions_renamesAndSplits() {
    SubgoalExtraction e = extract(
        "theorem t (x : ℝ) : 0 ≤ x ^ 2",
        "by\n  obtain ⟨y, z, hy, hz⟩ : ∃ (a : ℝ) (b : ℤ), a = x ∧ (b : ℝ) ≤ a := by sorry\n  sorry");

    assertThat(e.subgoals().get(1).statement()).isEqualTo(
        "theorem t_step2 (x : ℝ) (y : ℝ) (z : ℤ) (hy : y = x) (hz : (z : ℝ) ≤ y) : 0 ≤ x ^ 2");
  }

  @Test
  void extract_obtainOfNestedConjunction_keepsTheRestTogether() {
    SubgoalExtraction e = extract(
        "theorem t (a b c : ℕ) : a = a",
        "by\n  obtain ⟨h₁, h₂⟩ : (a ≤ b ∧ b ≤ c) ∧ (c ≤ a → a = c) := by sorry\n  sorry");

    assertThat(e.subgoals().get(1).statement())
        .isEqualTo("theorem t_step2 (a b c : ℕ) (h₁ : a ≤ b ∧ b ≤ c) (h₂ : c ≤ a → a = c) : a = a");
  }

  @Test
  void extract_obtainWithUntypedWitness_laterSorriesUnsupported() {
    SubgoalExtraction e = extract(
        "theorem t (n : ℕ) (h₀ : Even n) : 2 ∣ n",
        "by\n  obtain ⟨k, hk⟩ : ∃ k, n = 2 * k := by sorry\n  have h : n = k + k := by sorry\n  sorry");

    assertThat(statements(e)).containsExactly("theorem t_step1 (n : ℕ) (h₀ : Even n) : ∃ k, n = 2 * k");
    assertThat(e.complete()).isFalse();
    assertThat(e.unsupported()).extracting(SubgoalExtraction.Unsupported::stepIndex).containsExactly(1, 2);
    assertThat(e.unsupported().get(0).reason())
        .contains("step 1", "cannot be split", "the type of `k` in `∃ k, n = 2 * k` is not written");
  }

  @Test
  void extract_obtainPatternsThatChangeOtherHypotheses_laterSorriesUnsupported() {
    List<String> obtains = List.of(
        "obtain ⟨k, rfl⟩ : ∃ k : ℕ, n = 2 * k := by sorry",
        "obtain h | h : n = 0 ∨ 0 < n := by sorry",
        "obtain ⟨k, -⟩ : ∃ k : ℕ, n = 2 * k := by sorry",
        "obtain ⟨_, hk⟩ : ∃ k : ℕ, n = 2 * k := by sorry",
        "obtain ⟨k, hk⟩ : ∃ k > 0, n = 2 * k := by sorry",
        "obtain ⟨h₁, h₂⟩ : 0 < n ∨ n = 0 := by sorry",
        "obtain ⟨m, hm⟩ : ∃ k : ℕ, ∀ m, n = 2 * k + m := by sorry",
        "obtain ⟨m, hm⟩ : ∃ k : ℕ, n = k.succ := by sorry",
        "obtain ⟨n, hn⟩ : ∃ k : ℕ, n = 2 * k := by sorry",
        "obtain ⟨(k : ℕ), hk⟩ : ∃ k : ℕ, n = 2 * k := by sorry");
    for (String obtain : obtains) {
      SubgoalExtraction e = extract("theorem t (n : ℕ) : 2 ∣ n", "by\n  " + obtain + "\n  sorry");

      assertThat(e.subgoals()).as(obtain).hasSize(1);
      assertThat(e.unsupported()).as(obtain).hasSize(1);
      assertThat(e.unsupported().get(0).stepIndex()).as(obtain).isEqualTo(1);
      assertThat(e.unsupported().get(0).reason()).as(obtain).contains("cannot be split into hypotheses: ");
    }
  }

  @Test
  void extract_tacticBeforeASorry_laterSorriesUnsupported() {
    SubgoalExtraction e = extract(
        "theorem t (x : ℝ) (h₀ : 2 * x = 4) : x = 2",
        "by\n  have h₁ : x * 2 = 4 := by sorry\n  norm_num at h₀\n  have h₂ : x = 2 := by sorry\n  sorry");

    assertThat(statements(e)).containsExactly("theorem t_h₁ (x : ℝ) (h₀ : 2 * x = 4) : x * 2 = 4");
    assertThat(e.unsupported()).hasSize(2);
    assertThat(e.unsupported().get(0).reason())
        .isEqualTo("the earlier step 2 (`norm_num at h₀`) is not a have or obtain, so the goal and hypotheses after it are unknown");
  }

  @Test
  void extract_untypedHaves_unsupportedWithReason() {
    SubgoalExtraction e = extract(
        "theorem t (f : ℕ → ℕ) (h : ∀ n, f n = n) : f 1 = 1",
        "by\n  have h₁ := sorry\n  have h₂ : f 0 = 0 := by sorry\n  sorry");

    assertThat(e.subgoals()).isEmpty();
    assertThat(e.unsupported()).extracting(SubgoalExtraction.Unsupported::reason).containsExactly(
        "step 1 (`have h₁ := sorry`) writes no proposition for a lemma to state",
        "the earlier step 1 (`have h₁ := sorry`) writes no proposition, so a lemma cannot take it as a hypothesis",
        "the earlier step 1 (`have h₁ := sorry`) writes no proposition, so a lemma cannot take it as a hypothesis");
  }

  @Test
  void extract_sorryNestedInsideAStep_unsupported() {
    SubgoalExtraction e = extract(
        "theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q",
        "by\n  have h : p ∧ q := by\n    constructor\n    · sorry\n    · exact hq\n  exact h");

    assertThat(e.subgoals()).isEmpty();
    assertThat(e.unsupported()).singleElement()
        .extracting(SubgoalExtraction.Unsupported::reason).asString().contains("has a sorry inside it");
  }

  @Test
  void extract_unreadableStatement_everySorryUnsupported() {
    Declaration noType = new Declaration(DeclarationKind.THEOREM, "t", 0, 0, 9, 14, "theorem t", "sorry");

    SubgoalExtraction e = SubgoalExtractor.extract(noType, Sketch.parse("by\n  have h : P := sorry\n  sorry"));

    assertThat(e.subgoals()).isEmpty();
    assertThat(e.unsupported()).hasSize(2).allSatisfy(u -> assertThat(u.reason()).startsWith("cannot read the binders"));
  }

  @Test
  void extract_lemmaNames_sanitizedUniqueAndStable() {
    String statement = "theorem «my thm» (x : ℕ) : x = x";
    String proof = "by\n  have h₁ : 0 ≤ x := by sorry\n  have h₁ : 1 ≤ x + 1 := by sorry\n"
        + "  have step3 : 2 ≤ x + 2 := by sorry\n  have : 3 ≤ x + 3 := by sorry\n  have «a b» : x = x := by sorry\n  sorry";

    SubgoalExtraction e = extract(statement, proof);

    assertThat(e.subgoals()).extracting(Subgoal::lemmaName).containsExactly(
        "my_thm_h₁", "my_thm_h₁_2", "my_thm_step3", "my_thm_step4", "my_thm_a_b", "my_thm_step6");
    assertThat(extract(statement, proof).subgoals()).isEqualTo(e.subgoals());
    for (Subgoal g : e.subgoals()) {
      LeanSource lemma = LeanSource.parse(g.statement() + " := by sorry");
      assertThat(lemma.theorems()).singleElement().extracting(Declaration::name).isEqualTo(g.lemmaName());
    }
  }

  @Test
  void extract_lemmaNameClashingWithTheTheorem_isMadeUnique() {
    SubgoalExtraction e = extract("theorem t_h (x : ℕ) : x = x", "by\n  have h : x = x := by sorry\n  sorry");
    SubgoalExtraction clash = extract("theorem t (x : ℕ) : x = x", "by\n  have h : x = x := by sorry\n  have h : x = x := by sorry\n  exact h");

    assertThat(e.subgoals()).extracting(Subgoal::lemmaName).containsExactly("t_h_h", "t_h_step2");
    assertThat(clash.subgoals()).extracting(Subgoal::lemmaName).containsExactly("t_h", "t_h_2");
  }

  @Test
  void extract_termModeSorry_isTheWholeTheorem() {
    SubgoalExtraction e = extract("theorem t (a : ℕ) (h : a = 1) : a + 1 = 2", "sorry");

    assertThat(statements(e)).containsExactly("theorem t_step1 (a : ℕ) (h : a = 1) : a + 1 = 2");
    assertThat(e.subgoals().get(0).call()).isEqualTo("t_step1 a h");
  }

  @Test
  void extract_example_namedAfterExample() {
    SubgoalExtraction e = extract("example (a : ℕ) : a = a", "by\n  have h : a = a := sorry\n  exact h");

    assertThat(statements(e)).containsExactly("theorem example_h (a : ℕ) : a = a");
  }

  @Test
  void extract_proofWithoutSorry_hasNoSubgoals() {
    SubgoalExtraction e = extract("theorem t (a : ℕ) : a = a", "by\n  have h : a = a := rfl -- no sorry here\n  exact h");

    assertThat(e.subgoals()).isEmpty();
    assertThat(e.complete()).isTrue();
  }

  @Test
  void extract_null_throws() {
    Declaration d = theorem("theorem t : True", "trivial");
    assertThatThrownBy(() -> SubgoalExtractor.extract(null, Sketch.parse("sorry"))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SubgoalExtractor.extract(d, null)).isInstanceOf(NullPointerException.class);
  }
}
