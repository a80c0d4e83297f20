package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ProofTaskTest {

  @Test
  void new_datasetRow_dropsTrailingNewlineOfStatement() {
    SharedData.Problem problem = SharedData.problem("amc12a_2015_p10");

    ProofTask task = problem.task();

    assertThat(problem.formalStatement()).endsWith(":= by\n");
    assertThat(task.statement()).isEqualTo(problem.formalStatement().stripTrailing());
    assertThat(task.theoremName()).isEqualTo("amc12a_2015_p10");
  }

  @Test
  void theoremName_lemmaWithModifiersAndExample_areRead() {
    assertThat(new ProofTask("", "", "private lemma foo.bar (n : ℕ) : n = n := by").theoremName()).isEqualTo("foo.bar");
    assertThat(new ProofTask("", "", "example : 1 = 1 :=\n  by").theoremName()).isEmpty();
  }

  @Test
  void new_statementNotEndingInBy_isRejected() {
    assertThatThrownBy(() -> new ProofTask("", "", "theorem t : True := by\n  sorry"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end with ':= by'");
    assertThatThrownBy(() -> new ProofTask("", "", "theorem t : True := by -- prove it"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end with ':= by'");
  }

  @Test
  void new_statementWithoutTheorem_isRejected() {
    assertThatThrownBy(() -> new ProofTask("", "", "def f : ℕ := by"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must declare a theorem");
  }

  @Test
  void new_headerOrPrefixWithoutFinalNewline_isRejected() {
    assertThatThrownBy(() -> new ProofTask("import Mathlib", "", "theorem t : True := by"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header must end with a newline");
    assertThatThrownBy(() -> new ProofTask("", "/-- doc -/", "theorem t : True := by"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("informal prefix must end with a newline");
  }
}
