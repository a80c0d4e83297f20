package dev.leanprove.leanbridge.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class UnsolvedGoalsTest {

  @Test
  void goals_twoGoalsInOneMessage_splitAtEmptyLine() {
    String data = onlyMessage("repl-mathlib-unsolved-goals-multiple");

    assertThat(UnsolvedGoals.goals(data)).containsExactly(
        "case zero\n⊢ 0 + 1 > 0",
        "case succ\nx : Nat\nhx : x + 1 > x\n⊢ x + 1 + 1 > x + 1");
  }

  @Test
  void goals_caseTagsWithInaccessibleNames_oneGoalPerMessage() {
    List<ReplTranscript.Message> messages = ReplTranscript.messages("repl-unsolved-goals-case-tags");

    assertThat(messages).extracting(m -> UnsolvedGoals.goals(m.data())).containsExactly(
        List.of("⊢ Nat"),
        List.of("case pos\nx : Bool\nh✝ : x = true\n⊢ Nat"),
        List.of("case neg\nx : Bool\nh✝ : ¬x = true\n⊢ Nat"));
  }

  @Test
  void goals_windowsLineEndsAndExtraBlankLines_sameGoalsNoEmptyOnes() {
    String data = "unsolved goals\r\ncase a\r\n⊢ True\r\n\r\n\r\ncase b\r\n⊢ False\r\n\r\n";

    assertThat(UnsolvedGoals.goals(data)).containsExactly("case a\n⊢ True", "case b\n⊢ False");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "unsolved goals",
      "unsolved goals\n\n",
      "unsolved goalsX\n⊢ True",
      "linarith failed to find a contradiction\ncase a\nx : ℤ\n⊢ False",
      "error: unsolved goals\n⊢ True"})
  void goals_noGoalsListed_empty(String data) {
    assertThat(UnsolvedGoals.goals(data)).isEmpty();
  }

  @Test
  void goals_null_throws() {
    assertThatThrownBy(() -> UnsolvedGoals.goals(null)).isInstanceOf(NullPointerException.class);
  }

  private static String onlyMessage(String caseName) {
    List<ReplTranscript.Message> messages = ReplTranscript.messages(caseName);
    assertThat(messages).hasSize(1);
    return messages.get(0).data();
  }
}
