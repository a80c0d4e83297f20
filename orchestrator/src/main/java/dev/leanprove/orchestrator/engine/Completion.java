package dev.leanprove.orchestrator.engine;

import java.util.Objects;

/**
 * One sampled model output.
 *
 * @param finishReason why generation stopped as the server said it ({@code stop}, {@code length}, ...)
 */
public record Completion(String text, String finishReason, int promptTokens, int completionTokens) {

  public Completion {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
  }
}
