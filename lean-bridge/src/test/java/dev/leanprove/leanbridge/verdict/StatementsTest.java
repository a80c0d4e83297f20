package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class StatementsTest {

  @Test
  void equivalent_spacingAroundSymbols_isIgnored() {
    assertThat(Statements.equivalent("theorem t : (2 : ℕ) + 2 = 4 := by", "theorem t : (2:ℕ)+2=4 :=")).isTrue();
    assertThat(Statements.equivalent("theorem t (x : ℝ) : x+1 > x", "theorem t (x:ℝ) : x + 1 > x := by")).isTrue();
  }

  @Test
  void equivalent_whitespaceCommentsKeywordAndAssign_areIgnored() {
    String original = "theorem t (x y : ℝ) (h₀ : 0 < x ∧ x < y) :\n  x ^ 2 < y ^ 2 := by";
    String written = "lemma t (x y:ℝ) -- the reals\n    (h₀ : 0<x ∧ x<y) /- given -/ : x^2 < y^2 :=";

    assertThat(Statements.equivalent(original, written)).isTrue();
  }

  @Test
  void equivalent_attributesModifiersAndRenamedTheorem_areIgnored() {
    assertThat(Statements.equivalent("theorem t : True := by", "@[simp] private theorem other : True :=")).isTrue();
    assertThat(Statements.equivalent("theorem t : True := by", "example : True :=")).isTrue();
  }

  @Test
  void equivalent_differentTokens_neverEqual() {
    String original = "theorem t (a b : ℕ) : a + b = b + a := by";

    assertThat(Statements.equivalent(original, "theorem t (ab : ℕ) : a + b = b + a :=")).isFalse();
    assertThat(Statements.equivalent(original, "theorem t (a b : ℕ) : a + b = a + b :=")).isFalse();
    assertThat(Statements.equivalent(original, "theorem t (a b : ℤ) : a + b = b + a :=")).isFalse();
    assertThat(Statements.equivalent(original, "theorem t (a b : ℕ) : a + b = b + a' :=")).isFalse();
    assertThat(Statements.equivalent("theorem t : (12 : ℕ) = 12", "theorem t : (1 2 : ℕ) = 12")).isFalse();
    assertThat(Statements.equivalent(original, "")).isFalse();
  }

  @Test
  void equivalent_literalContents_areCompared() {
    assertThat(Statements.equivalent("theorem t : \"a -- b\" = \"a -- b\" := by", "theorem t : \"a -- b\" = \"a -- b\" :="))
        .isTrue();
    assertThat(Statements.equivalent("theorem t : \"a -- b\" = \"a -- b\" := by", "theorem t : \"a -- c\" = \"a -- b\" :="))
        .isFalse();
    assertThat(Statements.equivalent("theorem t : 'a' = 'a'", "theorem t : 'a' = 'b'")).isFalse();
  }

  @Test
  void equivalent_escapedNamesAndPrimes_areWholeTokens() {
    assertThat(Statements.equivalent("theorem t (x' : ℕ) : x' = x'", "theorem t (x' : ℕ) : x ' = x'")).isFalse();
    assertThat(Statements.equivalent("theorem t («a b» : ℕ) : «a b» = «a b»", "theorem t («a b»:ℕ) : «a b»=«a b»"))
        .isTrue();
  }
}
