package dev.leanprove.orchestrator.engine;

import java.util.List;
import java.util.Objects;

/**
 * What a model is asked.
 *
 * @param templateId the prompt template it came from (e.g. {@code v2-cot}), kept in the attempt trace
 * @param messages the conversation; for a raw prompt, one user message holding the exact text
 * @param raw whether the text is sent as-is for plain completion, with no chat template (V1.5 style)
 */
public record Prompt(String templateId, List<ChatMessage> messages, boolean raw) {

  public Prompt {
    Objects.requireNonNull(templateId, "templateId");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a prompt needs at least one message");
    }
    if (raw && messages.size() != 1) {
      throw new IllegalArgumentException("a raw prompt is one text, got " + messages.size() + " messages");
    }
  }

  public static Prompt chat(String templateId, List<ChatMessage> messages) {
    return new Prompt(templateId, messages, false);
  }

  public static Prompt raw(String templateId, String text) {
    return new Prompt(templateId, List.of(ChatMessage.user(text)), true);
  }
}
