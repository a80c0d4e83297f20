package dev.leanprove.orchestrator.engine;

/** Which OpenAI-style endpoint a chat prompt goes to. Raw prompts always use completions. */
public enum ApiMode {
  /** {@code /v1/completions} with the chat template applied by us ({@link ChatTemplate}). */
  COMPLETIONS,
  /** {@code /v1/chat/completions}; the server applies the model's own template. */
  CHAT
}
