package dev.leanprove.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ChatTemplateTest {

  private static final String BOS = "<\uFF5Cbegin\u2581of\u2581sentence\uFF5C>";
  private static final String EOS = "<\uFF5Cend\u2581of\u2581sentence\uFF5C>";
  private static final String USER = "<\uFF5CUser\uFF5C>";
  private static final String ASSISTANT = "<\uFF5CAssistant\uFF5C>";

  @Test
  void render_oneUserTurn_isBosUserTextAssistant() {
    Prompt prompt = Prompt.chat("t", List.of(ChatMessage.user("Complete the following Lean 4 code:")));

    assertThat(ChatTemplate.render(prompt))
        .isEqualTo(BOS + USER + "Complete the following Lean 4 code:" + ASSISTANT);
  }

  @Test
  void render_tokens_useFullwidthBarsAndLowerOneEighthBlock() {
    assertThat(ChatTemplate.BEGIN_OF_SENTENCE).isEqualTo("<｜begin▁of▁sentence｜>");
    assertThat(ChatTemplate.USER).isEqualTo("<｜User｜>").doesNotContain("|");
    assertThat(ChatTemplate.ASSISTANT).isEqualTo("<｜Assistant｜>");
    assertThat(ChatTemplate.END_OF_SENTENCE).isEqualTo("<｜end▁of▁sentence｜>").doesNotContain("_");
  }

  @Test
  void render_repairConversation_closesEarlierAssistantTurnAndHasOneBos() {
    Prompt prompt = Prompt.chat("repair", List.of(
        new ChatMessage(ChatMessage.Role.SYSTEM, "You are a Lean 4 prover."),
        ChatMessage.user("prove it"),
        ChatMessage.assistant("```lean4\nlinarith\n```"),
        ChatMessage.user("Lean says: linarith failed")));

    String text = ChatTemplate.render(prompt);

    assertThat(text).isEqualTo(BOS + "You are a Lean 4 prover." + USER + "prove it" + ASSISTANT
        + "```lean4\nlinarith\n```" + EOS + USER + "Lean says: linarith failed" + ASSISTANT);
    assertThat(text.split(BOS, -1)).hasSize(2);
    assertThat(text).startsWith(BOS);
  }

  @Test
  void render_twoSystemMessages_joinsThemWithBlankLineAfterBos() {
    Prompt prompt = Prompt.chat("t", List.of(
        new ChatMessage(ChatMessage.Role.SYSTEM, "first"),
        new ChatMessage(ChatMessage.Role.SYSTEM, "second"),
        ChatMessage.user("go")));

    assertThat(ChatTemplate.render(prompt)).isEqualTo(BOS + "first\n\nsecond" + USER + "go" + ASSISTANT);
  }

  @Test
  void render_endsWithAssistantTurn_leavesItOpenForContinuation() {
    Prompt prompt = Prompt.chat("t", List.of(ChatMessage.user("go"), ChatMessage.assistant("```lean4\n")));

    assertThat(ChatTemplate.render(prompt)).isEqualTo(BOS + USER + "go" + ASSISTANT + "```lean4\n");
  }

  @Test
  void render_rawPrompt_passesTextThroughUnchanged() {
    String text = "Complete the following Lean 4 code:\n\n```lean4\ntheorem t : 1 = 1 := by\n";

    assertThat(ChatTemplate.render(Prompt.raw("v15", text))).isEqualTo(text);
  }
}
