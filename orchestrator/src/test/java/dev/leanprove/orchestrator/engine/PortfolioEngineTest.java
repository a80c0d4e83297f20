package dev.leanprove.orchestrator.engine;

import static dev.leanprove.orchestrator.engine.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class PortfolioEngineTest {

  private final PortfolioEngine portfolio = new PortfolioEngine();

  @Test
  void tactics_noStatement_areTheStandardClosersWithPlainNlinarith() {
    List<String> tactics = portfolio.tactics();

    assertThat(tactics).contains("linarith", "nlinarith", "positivity", "omega", "decide", "(norm_num <;> done)",
        "(simp_all <;> done)", "(field_simp <;> ring_nf <;> done)", "(norm_num <;> linarith)");
    assertThat(tactics.get(0)).isEqualTo("(norm_num <;> done)");
    assertThat(tactics).noneMatch(tactic -> tactic.contains("native_decide") || tactic.contains("sorry"));
  }

  @Test
  void tactics_statementWithRealVariables_givesNlinarithSquareHints() {
    List<String> tactics = portfolio.tactics(TestPrompts.statement("mathd_algebra_10"));

    assertThat(tactics).contains(
        "nlinarith [sq_nonneg (a - b), sq_nonneg (a + b), sq_nonneg a, sq_nonneg b]",
        "(norm_num <;> nlinarith [sq_nonneg (a - b), sq_nonneg (a + b), sq_nonneg a, sq_nonneg b])");
  }

  @Test
  void variables_mixedBinders_keepsTheLargestNumericGroupAndSkipsHypotheses() {
    String statement = "theorem t (x y z : ℝ) (n : ℕ) (f : ℕ → ℕ) (h₀ : 0 < x) (h₁ : x + y = n) : x * y ≤ z := by";

    assertThat(PortfolioEngine.variables(statement)).containsExactly("x", "y", "z");
  }

  @Test
  void variables_manyVariables_keepsTheFirstFour() {
    assertThat(PortfolioEngine.variables("theorem t (a b c d e : ℤ) : a = a := by"))
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void variables_implicitBindersAndSubscripts_areRead() {
    assertThat(PortfolioEngine.variables("theorem t {x₁ x₂ : ℚ} (h : x₁ < x₂) : x₁ ≤ x₂ := by"))
        .containsExactly("x₁", "x₂");
  }

  @Test
  void combined_tactics_isOneFirstBlockWithOneAlternativePerLine() {
    String combined = portfolio.combined();

    StringBuilder expected = new StringBuilder("by\n  first");
    for (String tactic : portfolio.tactics()) {
      expected.append("\n  | ").append(tactic);
    }
    assertThat(combined).isEqualTo(expected.toString());
    assertThat(combined.lines().filter(line -> line.startsWith("  | "))).hasSize(portfolio.tactics().size());
  }

  @Test
  void sample_promptWithLeanBlock_answersOneBlockWithTheStatementAndTheCombinedProof() throws Exception {
    Prompt prompt = TestPrompts.nonCot("mathd_algebra_10");

    List<Completion> completions = value(portfolio.sample(prompt, SamplingParams.of(8, 4096)));

    assertThat(completions).hasSize(1);
    Completion completion = completions.get(0);
    String statement = TestPrompts.HEADER
        + "theorem mathd_algebra_10 (a b : ℝ) (h₀ : 0 < a ∧ 0 < b) (h₁ : a + b = 2) :\n    a * b ≤ 1";
    assertThat(completion.text())
        .isEqualTo("```lean4\n" + statement + " := " + portfolio.combined(statement) + "\n```");
    assertThat(completion.text()).doesNotContain("sorry");
    assertThat(completion.finishReason()).isEqualTo("stop");
    assertThat(completion.promptTokens()).isZero();
    assertThat(completion.completionTokens()).isZero();
  }

  @Test
  void sample_promptWithoutLeanBlock_answersTheBareCombinedProof() throws Exception {
    List<Completion> completions = value(portfolio.sample(
        Prompt.chat("t", List.of(ChatMessage.user("prove that 1 + 1 = 2"))), SamplingParams.of(1, 64)));

    assertThat(completions).extracting(Completion::text).containsExactly(portfolio.combined());
  }

  @Test
  void name_isPortfolio() {
    assertThat(portfolio.name()).isEqualTo("portfolio");
  }
}
