package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.orchestrator.engine.ChatMessage;
import dev.leanprove.orchestrator.engine.Prompt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PromptLibraryTest {

  /** The quick-start example of the DeepSeek-Prover-V2 README, which is miniF2F valid's mathd_algebra_10. */
  private static final String MATHD_ALGEBRA_10_CODE = """
      import Mathlib
      import Aesop

      set_option maxHeartbeats 0

      open BigOperators Real Nat Topology Rat

      /-- What is the positive difference between $120\\%$ of 30 and $130\\%$ of 20? Show that it is 10.-/
      theorem mathd_algebra_10 : abs ((120 : ℝ) / 100 * 30 - 130 / 100 * 20) = 10 := by""";

  private final PromptLibrary library = PromptLibrary.packaged();
  private final ProofTask task = SharedData.problem("mathd_algebra_10").task();

  @Test
  void cot_miniF2FProblem_isTheDeepSeekV2QuickStartPromptExactly() {
    Prompt prompt = library.cot(task);

    assertThat(prompt.raw()).isFalse();
    assertThat(prompt.templateId()).isEqualTo(PromptLibrary.COT);
    assertThat(prompt.messages()).containsExactly(ChatMessage.user("Complete the following Lean 4 code:\n\n```lean4\n"
        + MATHD_ALGEBRA_10_CODE + "\n  sorry\n```\n\n"
        + "Before producing the Lean 4 code to formally prove the given theorem, provide a detailed proof plan"
        + " outlining the main proof steps and strategies.\n"
        + "The plan should highlight key ideas, intermediate lemmas, and proof structures that will guide the"
        + " construction of the final formal proof."));
  }

  @Test
  void noncot_miniF2FProblem_isTheCodeBlockWithoutThePlan() {
    Prompt prompt = library.noncot(task);

    assertThat(prompt.messages()).containsExactly(ChatMessage.user(
        "Complete the following Lean 4 code:\n\n```lean4\n" + MATHD_ALGEBRA_10_CODE + "\n  sorry\n```"));
  }

  @Test
  void raw_miniF2FProblem_isTheV15CompletionPromptEndingAfterBy() {
    Prompt prompt = library.raw(task);

    assertThat(prompt.raw()).isTrue();
    assertThat(prompt.templateId()).isEqualTo(PromptLibrary.RAW);
    assertThat(prompt.messages().get(0).content()).isEqualTo(
        "Complete the following Lean 4 code with explanatory comments preceding each line of code:\n\n```lean4\n"
            + MATHD_ALGEBRA_10_CODE + "\n");
  }

  @Test
  void sketch_miniF2FProblem_asksForHaveSorrySteps() {
    String text = library.sketch(task).messages().get(0).content();

    assertThat(text).startsWith("Complete the following Lean 4 code:\n\n```lean4\n" + MATHD_ALGEBRA_10_CODE + "\n  sorry\n```\n\n");
    assertThat(text).contains("`have name : proposition := by sorry`").contains("final step").contains("```lean4 code block");
    assertThat(text).doesNotEndWith("\n");
  }

  @Test
  void repair_cotPrompt_appendsAnswerAndGoedelFeedback() {
    Prompt cot = library.cot(task);
    RepairFeedback feedback = RepairFeedback.of("theorem t : True := by\n  simp", List.of(new LeanError(2, 2, 2, 6, "simp made no progress")));

    Prompt repair = library.repair(cot, "### Plan\n...\n```lean4\ntheorem t : True := by\n  simp\n```", feedback);

    assertThat(repair.templateId()).isEqualTo(PromptLibrary.REPAIR);
    assertThat(repair.raw()).isFalse();
    assertThat(repair.messages()).containsExactly(
        cot.messages().get(0),
        ChatMessage.assistant("### Plan\n...\n```lean4\ntheorem t : True := by\n  simp\n```"),
        ChatMessage.user("The proof (Round 0) is not correct. Following is the compilation error message, where we use"
            + " <error></error> to signal the position of the error.\n\n"
            + "\nError 1:\n\nCorresponding Code:\n```lean4\ntheorem t : True := by\n  <error>simp</error>\n\n```\n\n"
            + "Error Message: simp made no progress\n"
            + "\n\nBefore producing the Lean 4 code to formally prove the given theorem, provide a detailed analysis of"
            + " the error message."));
  }

  @Test
  void repair_secondRound_keepsHistoryAndCountsRound() {
    RepairFeedback feedback = RepairFeedback.of("theorem t : True := by\n  simp", List.of(LeanError.at(2, 2, "oops")));
    Prompt first = library.repair(library.cot(task), "answer 0", feedback);

    Prompt second = library.repair(first, "answer 1", feedback);

    assertThat(second.messages()).hasSize(5);
    assertThat(second.messages().subList(0, 3)).isEqualTo(first.messages());
    assertThat(second.messages().get(3)).isEqualTo(ChatMessage.assistant("answer 1"));
    assertThat(second.messages().get(4).content()).startsWith("The proof (Round 1) is not correct.");
  }

  @Test
  void repairRaw_rawPrompt_showsAttemptErrorsAsCommentsAndRestatesTheTheorem() {
    Prompt raw = library.raw(task);
    String output = "  -- Compute directly\n  norm_num [abs_of_pos]\n```\n\nThe proof is complete.";
    String checked = MATHD_ALGEBRA_10_CODE + "\n  -- Compute directly\n  norm_num [abs_of_pos]";
    RepairFeedback feedback = RepairFeedback.of(checked, List.of(new LeanError(11, 2, 11, 23, "unsolved goals")));

    Prompt repair = library.repairRaw(raw, task, output, feedback);

    assertThat(repair.raw()).isTrue();
    assertThat(repair.templateId()).isEqualTo(PromptLibrary.REPAIR_RAW);
    assertThat(repair.messages().get(0).content()).isEqualTo(raw.messages().get(0).content()
        + "  -- Compute directly\n  norm_num [abs_of_pos]\n\n"
        + "-- The previous proof attempt resulted in compilation errors:\n"
        + "-- Error 1:\n-- Corresponding Code:\n-- ```lean4\n"
        + "-- /-- What is the positive difference between $120\\%$ of 30 and $130\\%$ of 20? Show that it is 10.-/\n"
        + "-- theorem mathd_algebra_10 : abs ((120 : ℝ) / 100 * 30 - 130 / 100 * 20) = 10 := by\n"
        + "--   -- Compute directly\n"
        + "--   <error>norm_num [abs_of_pos]</error>\n"
        + "-- ```\n-- Error Message: unsolved goals\n"
        + "-- Please provide a corrected version.\n"
        + "theorem mathd_algebra_10 : abs ((120 : ℝ) / 100 * 30 - 130 / 100 * 20) = 10 := by\n");
  }

  @Test
  void repair_rawPrompt_isRejected() {
    RepairFeedback feedback = RepairFeedback.of("x", List.of(LeanError.at(1, 0, "oops")));

    assertThatThrownBy(() -> library.repair(library.raw(task), "out", feedback))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repairRaw");
    assertThatThrownBy(() -> library.repairRaw(library.cot(task), task, "out", feedback))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use repair");
  }

  @Test
  void withOverrides_fileInDirectory_replacesOnlyThatTemplate(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(PromptLibrary.COT + ".txt"), "Prove {{statement}} please.\n", StandardCharsets.UTF_8);

    PromptLibrary overridden = PromptLibrary.withOverrides(dir);

    assertThat(overridden.cot(task).messages().get(0).content()).isEqualTo("Prove " + task.statement() + " please.");
    assertThat(overridden.noncot(task)).isEqualTo(library.noncot(task));
  }

  @Test
  void withOverrides_templateWithUnknownSlot_failsNamingIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(PromptLibrary.SKETCH + ".txt"), "{{statement}} {{goal}}", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> PromptLibrary.withOverrides(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sketch")
        .hasMessageContaining("unknown slot {{goal}}");
  }

  @Test
  void withOverrides_repairWithoutErrorsSlot_failsNamingIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(PromptLibrary.REPAIR + ".txt"), "Round {{round}} failed.", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> PromptLibrary.withOverrides(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing slot {{errors}}");
  }
}
