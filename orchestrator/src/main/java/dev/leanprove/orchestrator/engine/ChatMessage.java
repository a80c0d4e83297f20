package dev.leanprove.orchestrator.engine;

import java.util.Objects;

/** One turn of a chat conversation sent to a model. */
public record ChatMessage(Role role, String content) {

  /** Who speaks a turn. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
