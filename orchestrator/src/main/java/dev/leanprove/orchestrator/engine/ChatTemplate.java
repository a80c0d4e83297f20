package dev.leanprove.orchestrator.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The DeepSeek-Prover-V2 chat template (DeepSeek-V3 tokenizer), applied by us when a prompt goes
 * to a plain {@code /v1/completions} endpoint.
 *
 * <p>It renders what the model's own Jinja template renders with {@code add_generation_prompt}:
 * the begin-of-sentence token once, the system texts joined by a blank line, then
 * {@code <｜User｜>text} for each user turn and {@code <｜Assistant｜>text<｜end▁of▁sentence｜>}
 * for each earlier assistant turn, and finally {@code <｜Assistant｜>} to open the answer. A
 * conversation that ends with an assistant turn is rendered as an open prefix for the model to
 * continue (no end-of-sentence), since closing it would ask the model to start a turn nobody gave
 * it. The bars are fullwidth (U+FF5C) and the spaces are U+2581, as in the tokenizer's vocabulary.
 */
public final class ChatTemplate {

  public static final String BEGIN_OF_SENTENCE = "<\uFF5Cbegin\u2581of\u2581sentence\uFF5C>";
  public static final String END_OF_SENTENCE = "<\uFF5Cend\u2581of\u2581sentence\uFF5C>";
  public static final String USER = "<\uFF5CUser\uFF5C>";
  public static final String ASSISTANT = "<\uFF5CAssistant\uFF5C>";

  private ChatTemplate() {}

  /** The exact text to send for this prompt; a raw prompt's text is returned unchanged. */
  public static String render(Prompt prompt) {
    if (prompt.raw()) {
      return prompt.messages().get(0).content();
    }
    List<String> systems = new ArrayList<>();
    for (ChatMessage message : prompt.messages()) {
      if (message.role() == ChatMessage.Role.SYSTEM) {
        systems.add(message.content());
      }
    }
    StringBuilder text = new StringBuilder(BEGIN_OF_SENTENCE).append(String.join("\n\n", systems));
    List<ChatMessage> turns = prompt.messages().stream()
        .filter(message -> message.role() != ChatMessage.Role.SYSTEM)
        .toList();
    for (int i = 0; i < turns.size(); i++) {
      ChatMessage turn = turns.get(i);
      boolean last = i == turns.size() - 1;
      if (turn.role() == ChatMessage.Role.USER) {
        text.append(USER).append(turn.content());
      } else {
        text.append(ASSISTANT).append(turn.content());
        if (!last) {
          text.append(END_OF_SENTENCE);
        }
      }
    }
    if (turns.isEmpty() || turns.get(turns.size() - 1).role() == ChatMessage.Role.USER) {
      text.append(ASSISTANT);
    }
    return text.toString();
  }
}
