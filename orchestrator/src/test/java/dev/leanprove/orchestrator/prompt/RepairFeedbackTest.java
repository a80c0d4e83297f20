package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RepairFeedbackTest {

  /** 𝓝 lies outside the BMP: one code point (one Lean column) but two Java chars. */
  private static final String CHECKED =
      "import Mathlib\n"
          + "\n"
          + "open Filter Topology\n"
          + "\n"
          + "theorem t (α : ℝ) (h₀ : 0 < α) :\n"
          + "    Tendsto (fun x => x * α) (𝓝 α) (𝓝 (α * α)) := by\n"
          + "  have h₁ : α ≠ 0 := by\n"
          + "    linarith\n"
          + "  have h₂ : (0:ℝ) < α * α := by\n"
          + "    positivity\n"
          + "  exact tendsto_id.mul_const α";

  private static final List<LeanError> ERRORS = List.of(
      new LeanError(6, 39, 6, 44, "failed to synthesize\n  HMul ℝ ℝ ?m"),
      new LeanError(7, 2, 8, 12,
          "linarith failed to find a contradiction\ncase a\nα : ℝ\nh₀ : 0 < α\na✝ : α = 0\n⊢ False failed"),
      LeanError.at(11, 8, "unknown identifier 'tendsto_id.mul_const'"));

  @Test
  void text_unicodeColumnsMultiLineSpanAndMissingEnd_matchesGoedelLayout() {
    String expected = """

        Error 1:

        Corresponding Code:
        ```lean4

        open Filter Topology

        theorem t (α : ℝ) (h₀ : 0 < α) :
            Tendsto (fun x => x * α) (𝓝 α) (𝓝 (<error>α * α</error>)) := by
          have h₁ : α ≠ 0 := by

        ```

        Error Message: failed to synthesize
          HMul ℝ ℝ ?m

        Error 2:

        Corresponding Code:
        ```lean4
        open Filter Topology

        theorem t (α : ℝ) (h₀ : 0 < α) :
            Tendsto (fun x => x * α) (𝓝 α) (𝓝 (α * α)) := by
          <error>have h₁ : α ≠ 0 := by
            linarith</error>
          have h₂ : (0:ℝ) < α * α := by

        ```

        Error Message: linarith failed to find a contradiction
        case a
        α : ℝ
        h₀ : 0 < α
        a✝ : α = 0
        ⊢ False failed

        Error 3:

        Corresponding Code:
        ```lean4
          have h₁ : α ≠ 0 := by
            linarith
          have h₂ : (0:ℝ) < α * α := by
            positivity
          exact <error>tendsto_id.mul_const α</error>

        ```

        Error Message: unknown identifier 'tendsto_id.mul_const'
        """;

    RepairFeedback feedback = RepairFeedback.of(CHECKED, ERRORS);

    assertThat(feedback.text()).isEqualTo(expected);
    assertThat(feedback.totalErrors()).isEqualTo(3);
  }

  @Test
  void asLeanComments_everyNonBlankLine_isALineComment() {
    RepairFeedback feedback = RepairFeedback.of(CHECKED, ERRORS.subList(2, 3));

    assertThat(feedback.asLeanComments()).isEqualTo("""
        -- Error 1:
        -- Corresponding Code:
        -- ```lean4
        --   have h₁ : α ≠ 0 := by
        --     linarith
        --   have h₂ : (0:ℝ) < α * α := by
        --     positivity
        --   exact <error>tendsto_id.mul_const α</error>
        -- ```
        -- Error Message: unknown identifier 'tendsto_id.mul_const'""");
  }

  @Test
  void text_spanOverManyLines_isTruncatedAfterSixLines() {
    String checked = "theorem t (n : ℕ) : n = n := by\n  induction n with\n  | zero =>\n    simp\n    rfl\n    rfl\n"
        + "    rfl\n    rfl\n  | succ k ih =>\n    omega";

    RepairFeedback feedback = RepairFeedback.of(checked, List.of(new LeanError(2, 2, 10, 9, "unsolved goals")));

    assertThat(feedback.text()).isEqualTo("""

        Error 1:

        Corresponding Code:
        ```lean4
        theorem t (n : ℕ) : n = n := by
          <error>induction n with
          | zero =>
            simp
            rfl
            rfl
            rfl

            ... --[Truncated]-- ...
            omega</error>

        ```

        Error Message: unsolved goals
        """);
  }

  @Test
  void text_moreThanEightErrors_showsEightAndCountsTheRest() {
    StringBuilder checked = new StringBuilder();
    List<LeanError> errors = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      checked.append(i > 1 ? "\n" : "").append("  tac").append(i);
      if (i <= 10) {
        errors.add(new LeanError(i, 2, i, 6, "error " + i));
      }
    }

    RepairFeedback feedback = RepairFeedback.of(checked.toString(), errors);

    assertThat(feedback.totalErrors()).isEqualTo(10);
    assertThat(feedback.text()).contains("\nError 8:\n").doesNotContain("Error 9:").doesNotContain("error 9");
    assertThat(feedback.text()).endsWith("""
        ```lean4
          tac4
          tac5
          tac6
          tac7
          <error>tac8</error>
          tac9

        ```

        Error Message: error 8

        ... [Omitted 2 more errors] ...
        """);
  }

  @Test
  void text_positionsOutsideTheText_areClampedToIt() {
    String checked = "theorem t : True := by\n  trivial";

    RepairFeedback feedback = RepairFeedback.of(checked, List.of(
        new LeanError(0, 0, 0, 0, "tactic-mode message"),
        new LeanError(2, 50, 9, 3, "past the end")));

    assertThat(feedback.text()).contains("\n<error></error>theorem t : True := by\n  trivial\n");
    assertThat(feedback.text()).contains("```lean4\ntheorem t : True := by\n  trivial<error></error>\n\n```");
  }

  @Test
  void of_noErrors_isRejected() {
    assertThatThrownBy(() -> RepairFeedback.of("theorem t : True := by\n  trivial", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one error");
  }
}
